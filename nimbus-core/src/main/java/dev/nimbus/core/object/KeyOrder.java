package dev.nimbus.core.object;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The order of object keys in listings: UTF-8 byte order, which is code point order and not
 * {@link String#compareTo}'s UTF-16 order (U+FFFD sorts before U+1F600 here, after it there,
 * whose first UTF-16 unit is 0xD83D). Keys are well-formed UTF-16: a lone surrogate has no UTF-8 form.
 */
public final class KeyOrder {
    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The least key greater than every key that starts with {@code prefix}, or null if there is
     * none (an empty prefix, or one of U+10FFFF only): the last code point that is not U+10FFFF,
     * plus one, with what follows it dropped. {@code "a/"} gives {@code "a0"}, "a" followed by
     * U+10FFFF gives {@code "b"}, and U+D7FF gives U+E000, the surrogates having no code point of their own.
     */
    public static String successor(String prefix) {
        for (int end = prefix.length(); end > 0; ) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + Character.toString(next);
            }
            end = start;
        }
        return null;
    }

    /** Whether {@code s} has a UTF-8 form, that is, no lone surrogate. */
    public static boolean wellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }
}
