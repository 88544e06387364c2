/**
 * Function logs as JSON lines under {@code <dataDir>/logs/}, one bounded pair of files per
 * function ({@code <function>.log} and the rotated {@code <function>.log.1}), read from the end
 * and followable live.
 */
package dev.nimbus.store.logs;
