package dev.nimbus.events.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.object.Precondition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditional GET/HEAD and PUT as S3 (and RFC 9110 §13.2.2) decide them. */
class ConditionsTest {
    static final Instant LAST_MODIFIED = Instant.parse("2026-11-06T09:05:03.500Z");
    static final String SAME_SECOND = "Fri, 06 Nov 2026 09:05:03 GMT";
    static final String SECOND_BEFORE = "Fri, 06 Nov 2026 09:05:02 GMT";

    static Map<String, List<String>> headers(String ifMatch, String ifNoneMatch, String ifModifiedSince,
                                             String ifUnmodifiedSince) {
        Map<String, List<String>> headers = new HashMap<>();
        put(headers, "if-match", ifMatch);
        put(headers, "if-none-match", ifNoneMatch);
        put(headers, "if-modified-since", ifModifiedSince == null ? null : time(ifModifiedSince));
        put(headers, "if-unmodified-since", ifUnmodifiedSince == null ? null : time(ifUnmodifiedSince));
        return headers;
    }

    private static String time(String name) {
        return switch (name) {
            case "same-second" -> SAME_SECOND;
            case "second-before" -> SECOND_BEFORE;
            default -> name;
        };
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        if (value != null) {
            headers.put(name, List.of(value));
        }
    }

    @ParameterizedTest(name = "If-Match {0}, If-None-Match {1}, If-Modified-Since {2}, If-Unmodified-Since {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "-,      -,      -,             -,             200",
            "'\"e1\"', -,    -,             -,             200",
            "'\"e2\"', -,    -,             -,             412 If-Match",
            "*,      -,      -,             -,             200",
            "-,      '\"e1\"', -,           -,             304",
            "-,      '\"e2\"', -,           -,             200",
            "-,      *,      -,             -,             304",
            "-,      -,      same-second,   -,             304",
            "-,      -,      second-before, -,             200",
            "-,      -,      garbage,       -,             200",
            "-,      -,      -,             same-second,   200",
            "-,      -,      -,             second-before, 412 If-Unmodified-Since",
            "'\"e1\"', -,    -,             second-before, 200",
            "-,      '\"e2\"', same-second, -,             200",
            "-,      '\"e1\"', second-before, -,           304",
            "'\"e2\"', '\"e1\"', -,         -,             412 If-Match",
            "'\"e0\", \"e1\"', -, -,        -,             200"})
    void aGetSendsTheObjectOrNotModifiedOrFails(String ifMatch, String ifNoneMatch, String ifModifiedSince,
                                                String ifUnmodifiedSince, String expected) {
        Map<String, List<String>> headers = headers(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
        String outcome;
        try {
            outcome = Conditions.modified(headers, "e1", LAST_MODIFIED) ? "200" : "304";
        } catch (S3Error e) {
            outcome = e.status() + " " + e.getMessage().substring(e.getMessage().lastIndexOf(' ') + 1)
                    .replace(".", "");
        }

        assertThat(outcome).isEqualTo(expected);
    }

    @Test
    void aPutTakesIfMatchAndOnlyTheStarOfIfNoneMatch() {
        assertThat(Conditions.write(Map.of())).isEqualTo(Precondition.NONE);
        assertThat(Conditions.write(headers(null, "*", null, null))).isEqualTo(new Precondition(List.of(), true));
        assertThat(Conditions.write(headers("\"e1\"", null, null, null)))
                .isEqualTo(new Precondition(List.of("e1"), false));
        assertThatThrownBy(() -> Conditions.write(headers(null, "\"e1\"", null, null)))
                .isInstanceOfSatisfying(S3Error.class, e -> assertThat(e.status()).isEqualTo(501));
    }
}
