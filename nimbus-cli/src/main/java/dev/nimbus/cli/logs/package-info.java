/** {@code nimbus logs}: recent function log lines, or a live tail over server-sent events. */
package dev.nimbus.cli.logs;
