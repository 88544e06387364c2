/**
 * {@code nimbus list}, {@code get}, {@code delete} and {@code reserve}: reading, removing and
 * capping functions.
 */
package dev.nimbus.cli.functions;
