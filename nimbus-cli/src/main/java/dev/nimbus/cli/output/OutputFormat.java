package dev.nimbus.cli.output;

/** How reading commands print: for people ({@code table}) or for scripts ({@code json}, the server's document). */
public enum OutputFormat {
    TABLE,
    JSON;

    /** The values as typed, for shell completion: {@code table}, {@code json}. */
    public static final class Names extends java.util.ArrayList<String> {
        public Names() {
            super(java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList());
        }
    }
}
