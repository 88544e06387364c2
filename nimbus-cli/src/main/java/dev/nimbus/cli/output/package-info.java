/**
 * How commands print for people (aligned tables, {@code key: value} blocks, UTC times to the second)
 * and for scripts (the server's JSON, pretty-printed). Every command's output goes through here.
 */
package dev.nimbus.cli.output;
