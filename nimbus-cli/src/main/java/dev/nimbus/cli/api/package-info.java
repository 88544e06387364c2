/**
 * Client of the native management API ({@code /api/v1}) over {@code java.net.http}: requests,
 * the wire records the CLI reads, and server errors turned into one readable message.
 */
package dev.nimbus.cli.api;
