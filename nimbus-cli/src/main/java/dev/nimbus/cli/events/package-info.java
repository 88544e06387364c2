/** {@code nimbus events}: asynchronous invocations and their delivery. */
package dev.nimbus.cli.events;
