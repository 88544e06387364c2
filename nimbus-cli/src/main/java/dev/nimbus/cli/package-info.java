/**
 * The {@code nimbus} command: root command, global options ({@code --url}) and the one place where
 * failures become an {@code error: ...} line and an exit code. Subcommands live in sibling packages.
 */
package dev.nimbus.cli;
