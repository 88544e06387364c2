package dev.nimbus.core.trace;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Where one invocation sits in a distributed trace: the trace it belongs to, the span the platform
 * opened for it and the caller's span above that, if the caller sent one.
 *
 * <p>A caller names its span with a W3C {@code traceparent} ({@code 00-<trace-id>-<parent-id>-<flags>})
 * or, as Lambda clients do, an {@code X-Amzn-Trace-Id} ({@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=1}).
 * Both name the same 128-bit trace id: the X-Ray root is its first 8 hex digits, a dash, the other 24
 * (the mapping OpenTelemetry's X-Ray propagator uses). The function sees the platform's span as its
 * parent: {@link #traceparent()} in HTTP events, {@link #xray()} in {@code Lambda-Runtime-Trace-Id}.
 *
 * @param traceId  32 lowercase hex digits, not all zero
 * @param spanId   the platform's span for this invocation, 16 lowercase hex digits, not all zero
 * @param parentId the caller's span, or null when the trace starts here
 * @param sampled  whether the caller asked for the trace to be recorded
 */
public record TraceContext(String traceId, String spanId, String parentId, boolean sampled) {
    private static final Pattern TRACEPARENT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern XRAY_ROOT = Pattern.compile("1-([0-9a-f]{8})-([0-9a-f]{24})");
    private static final HexFormat HEX = HexFormat.of();

    public TraceContext {
        if (!isId(traceId, TRACE_ID)) {
            throw new IllegalArgumentException("traceId must be 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (!isId(spanId, SPAN_ID)) {
            throw new IllegalArgumentException("spanId must be 16 lowercase hex digits, not all zero: " + spanId);
        }
        if (parentId != null && !isId(parentId, SPAN_ID)) {
            throw new IllegalArgumentException("parentId must be 16 lowercase hex digits, not all zero: " + parentId);
        }
    }

    /** A new trace, started here. */
    public static TraceContext fresh() {
        return new TraceContext(randomHex(16), randomHex(8), null, true);
    }

    /**
     * The platform's span under what the caller sent: {@code traceparent} if it is a valid W3C
     * header, else {@code xray} if that is a valid X-Ray header, else a new trace. Either may be
     * null; malformed values are ignored, as W3C Trace Context asks (a bad header must not fail the
     * request). An X-Ray header without a {@code Parent} names the trace only: the span has no parent.
     */
    public static TraceContext continuing(String traceparent, String xray) {
        return caller(traceparent, xray).map(c -> new TraceContext(c.traceId, randomHex(8), c.spanId, c.sampled))
                .orElseGet(TraceContext::fresh);
    }

    /**
     * Whichever of the two headers {@link #continuing} would follow, unchanged, or null when it would
     * start a new trace: what an asynchronous invocation keeps, so that its delivery, later,
     * continues the caller's trace under the caller's span.
     */
    public static String callerHeader(String traceparent, String xray) {
        if (w3c(traceparent).isPresent()) {
            return traceparent;
        }
        return xrayHeader(xray).isPresent() ? xray : null;
    }

    /** A new span of the same trace whose parent is this context's span. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), spanId, sampled);
    }

    /** The caller's trace and span ({@code spanId} null when it named none). */
    private record Caller(String traceId, String spanId, boolean sampled) {
    }

    private static Optional<Caller> caller(String traceparent, String xray) {
        return w3c(traceparent).or(() -> xrayHeader(xray));
    }

    /** A W3C {@code traceparent}: lowercase hex only, as the specification requires. */
    private static Optional<Caller> w3c(String header) {
        if (header == null || header.length() > 512) {
            return Optional.empty();
        }
        var m = TRACEPARENT.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        // version ff is invalid; version 00 has nothing after the flags; later versions may add fields
        boolean valid = !m.group(1).equals("ff") && (m.group(5) == null || !m.group(1).equals("00"))
                && isId(m.group(2), TRACE_ID) && isId(m.group(3), SPAN_ID);
        return valid ? Optional.of(new Caller(m.group(2), m.group(3), (HEX.fromHexDigits(m.group(4)) & 1) == 1))
                : Optional.empty();
    }

    private static Optional<Caller> xrayHeader(String header) {
        if (header == null || header.length() > 512) {
            return Optional.empty();
        }
        String root = null, parent = null;
        boolean sampled = true;
        for (String field : header.toLowerCase(Locale.ROOT).split(";")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = field.substring(eq + 1).strip();
            switch (field.substring(0, eq).strip()) {
                case "root" -> root = value;
                case "parent" -> parent = value;
                case "sampled" -> sampled = !value.equals("0");
                default -> { }
            }
        }
        var m = root == null ? null : XRAY_ROOT.matcher(root);
        if (m == null || !m.matches() || !isId(m.group(1) + m.group(2), TRACE_ID)) {
            return Optional.empty();
        }
        return Optional.of(new Caller(m.group(1) + m.group(2), isId(parent, SPAN_ID) ? parent : null, sampled));
    }

    /** This span as a W3C {@code traceparent} header, the form an HTTP event carries. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** This span as an X-Ray trace header, the form of {@code Lambda-Runtime-Trace-Id} and {@code _X_AMZN_TRACE_ID}. */
    public String xray() {
        return "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=" + spanId
                + ";Sampled=" + (sampled ? "1" : "0");
    }

    private static boolean isId(String s, Pattern shape) {
        return s != null && shape.matcher(s).matches() && !s.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int bytes) {
        var b = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(b);
        } while (allZero(b));
        return HEX.formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return traceparent();
    }
}
