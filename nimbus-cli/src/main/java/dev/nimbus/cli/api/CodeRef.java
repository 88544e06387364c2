package dev.nimbus.cli.api;

/**
 * Uploaded code as the server stored it.
 *
 * @param sha256 hex sha256 of the archive, the key a function revision refers to
 * @param size   archive size in bytes
 */
public record CodeRef(String sha256, long size) {
}
