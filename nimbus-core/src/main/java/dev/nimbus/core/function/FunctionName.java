package dev.nimbus.core.function;

import java.util.regex.Pattern;

/** Function names: 1-64 characters of letters, digits, hyphens and underscores, as Lambda allows. */
public final class FunctionName {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\x{2028}\\x{2029}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");

    private FunctionName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns the name or throws a {@link ValidationException} naming the allowed form. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new ValidationException("name",
                    "must be 1-64 characters of letters, digits, '-' and '_', was '" + clip(name) + "'");
        }
        return name;
    }

    /**
     * {@code s} as an error message may quote it: cut to 80 characters, control characters and
     * bidirectional overrides shown as '?' so a quoted value cannot break or reorder the line it
     * is printed on ("" for null).
     */
    public static String clip(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() <= 80 ? s : s.substring(0, 80) + "...";
        return UNPRINTABLE.matcher(cut).replaceAll("?");
    }
}
