package dev.nimbus.cli.output;

/** How reading commands print: for people ({@code table}) or for scripts ({@code json}, the server's document). */
public enum OutputFormat {
    TABLE,
    JSON
}
