package dev.nimbus.server.observe;

import java.util.function.Predicate;

/**
 * The part of a node's Prometheus exposition one namespace may see: the samples of its own
 * functions. Node-wide figures (JVM, HTTP, other namespaces' functions) are left out; the
 * {@code # HELP} and {@code # TYPE} lines of Nimbus's families stay, so the families are known
 * even before a function has samples.
 */
final class MetricsText {
    private static final String LABEL = "function=\"";

    private MetricsText() {
    }

    /** The lines of {@code exposition} about functions {@code visible} accepts. */
    static String only(String exposition, Predicate<String> visible) {
        var out = new StringBuilder(exposition.length() / 4);
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") ? line.startsWith("# HELP nimbus_") || line.startsWith("# TYPE nimbus_")
                    : visible(line, visible)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Whether a sample line has a {@code function} label, and that function is visible. Names hold no quotes. */
    private static boolean visible(String sample, Predicate<String> visible) {
        int labels = sample.indexOf('{');
        int at = labels < 0 ? -1 : sample.indexOf(LABEL, labels);
        if (at < 0 || (sample.charAt(at - 1) != '{' && sample.charAt(at - 1) != ',')) {
            return false;
        }
        int end = sample.indexOf('"', at + LABEL.length());
        return end > 0 && visible.test(sample.substring(at + LABEL.length(), end));
    }
}
