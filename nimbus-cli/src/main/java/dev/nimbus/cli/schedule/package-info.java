/** {@code nimbus schedule}: functions run on a schedule. */
package dev.nimbus.cli.schedule;
