package dev.nimbus.cli.functions;

/** How {@code list} and {@code get} print: for people ({@code table}) or for scripts ({@code json}). */
public enum OutputFormat {
    TABLE,
    JSON
}
