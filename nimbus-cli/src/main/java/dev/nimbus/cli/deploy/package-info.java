/**
 * {@code nimbus deploy}: reads {@code nimbus.yaml}, lets flags override it, zips a directory in memory,
 * uploads the code and creates the next revision of the function.
 */
package dev.nimbus.cli.deploy;
