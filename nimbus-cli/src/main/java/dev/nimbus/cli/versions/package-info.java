/**
 * {@code nimbus publish} and {@code nimbus versions}: freezing {@code $LATEST} as a numbered,
 * immutable version, listing versions and deleting them.
 */
package dev.nimbus.cli.versions;
