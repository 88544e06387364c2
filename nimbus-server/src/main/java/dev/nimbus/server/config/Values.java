package dev.nimbus.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration values; every failure names the key, the value and the allowed range. */
final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)?");

    private Values() {
    }

    static String nonEmpty(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
        return s;
    }

    static int integer(Map<String, String> v, String key, int min, int max) {
        String s = v.get(key).strip();
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key + " must be an integer between " + min + " and " + max + ", was '" + s + "'");
    }

    /** "250ms", "30s", "5m", "1h", "1d". */
    static Duration duration(Map<String, String> v, String key, Duration min, Duration max) {
        String s = v.get(key).strip();
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
        }
        throw new ConfigException(key + " must be a duration like 500ms, 30s, 5m or 1h between " + format(min)
                + " and " + format(max) + ", was '" + s + "'");
    }

    /** "65536", "512KB", "5MB", "1GB" (powers of 1024). */
    static long size(Map<String, String> v, String key, long min, long max) {
        String s = v.get(key).strip();
        Matcher m = SIZE.matcher(s.toUpperCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2);
            long bytes = n * switch (unit) {
                case "KB" -> 1024L;
                case "MB" -> 1024L * 1024;
                case "GB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            if (bytes >= min && bytes <= max) {
                return bytes;
            }
        }
        throw new ConfigException(key + " must be a size like 512KB or 5MB between " + min + " and " + max
                + " bytes, was '" + s + "'");
    }

    private static String format(Duration d) {
        return d.isZero() ? "0s" : d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
