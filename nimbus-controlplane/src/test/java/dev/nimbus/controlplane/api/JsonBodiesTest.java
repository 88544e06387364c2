package dev.nimbus.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.DeployRequest;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile JSON bodies (reliability-security.md §5.4): each a 400 with the reason and nothing internal. */
class JsonBodiesTest {
    private final JsonBodies json = new JsonBodies(new ObjectMapper());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "duplicate key|MALFORMED_JSON|Duplicate field 'runtime'",
        "invalid UTF-8 in a string|MALFORMED_JSON|Invalid UTF-8",
        "nested 10000 deep|MALFORMED_JSON|exceeds the maximum allowed (1000)",
        "number of 2000 digits|MALFORMED_JSON|Number value length (2000) exceeds the maximum allowed (1000)",
        "number beyond an int|MALFORMED_JSON|out of range of int",
        "an array, not an object|INVALID_PARAMETER|the body has the wrong type",
        "truncated|MALFORMED_JSON|Unexpected end-of-input",
    })
    void isRefusedWithTheReason(String kind, ErrorCode code, String reason) {
        Class<?> type = kind.startsWith("nested") ? JsonNode.class : DeployRequest.class; // free-form JSON goes deep
        ApiException e = catchThrowableOfType(ApiException.class, () -> json.read(body(kind), type));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(reason).doesNotContain("StreamReadConstraints").doesNotContain("jackson")
                .doesNotContain("dev.nimbus");
    }

    private static byte[] body(String kind) {
        return switch (kind) {
            case "duplicate key" -> utf8("{\"runtime\":\"python3\",\"runtime\":\"nodejs\"}");
            case "invalid UTF-8 in a string" -> concat(utf8("{\"description\":\""), new byte[] {(byte) 0xff, (byte) 0xfe},
                    utf8("\"}"));
            case "nested 10000 deep" -> utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
            case "number of 2000 digits" -> utf8("{\"memoryMb\":" + "9".repeat(2000) + "}");
            case "number beyond an int" -> utf8("{\"memoryMb\":99999999999999999999}");
            case "an array, not an object" -> utf8("[1,2]");
            case "truncated" -> utf8("{\"runtime\":");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
