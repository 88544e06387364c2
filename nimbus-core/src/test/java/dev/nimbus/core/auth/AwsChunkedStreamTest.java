package dev.nimbus.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** aws-chunked framing as an untrusted client may send it: what is read stays bounded by the data. */
class AwsChunkedStreamTest {
    static final long LIMIT = 1 << 20;

    static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** "hello" and the last chunk, then these trailer lines. */
    static String withTrailers(String... lines) {
        return chunk("hello") + "0\r\n" + String.join("", lines) + "\r\n";
    }

    static String trailer(String name, String value) {
        return name + ":" + value + "\r\n";
    }

    static AwsChunkedStream stream(InputStream wire, long declared) {
        return new AwsChunkedStream(wire, null, false, declared, LIMIT);
    }

    static AwsChunkedStream stream(String wire) {
        return stream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), 5);
    }

    @Test
    void aBodyWithACrc32TrailerDecodesAndKeepsTheTrailer() throws IOException {
        AwsChunkedStream in = stream(withTrailers(trailer("x-amz-checksum-crc32", "NhCmhg==")));

        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(in.trailers()).isEqualTo(Map.of("x-amz-checksum-crc32", "NhCmhg=="));
    }

    @Test
    void aTrailerNamedTwiceIsRefusedEvenWithTheSameValue() {
        String crc = trailer("x-amz-checksum-crc32", "NhCmhg==");
        assertThatThrownBy(() -> stream(withTrailers(crc, crc)).readAllBytes()).isInstanceOfSatisfying(
                PayloadException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidRequest");
                    assertThat(e.getMessage()).contains("x-amz-checksum-crc32 is repeated");
                });
        String signature = trailer("x-amz-trailer-signature", "0".repeat(64));
        assertThatThrownBy(() -> stream(withTrailers(crc, signature, signature)).readAllBytes())
                .hasMessageContaining("x-amz-trailer-signature is repeated");
    }

    @Test
    void trailersAreAtMost16LinesSignatureIncludedAnd16KbTogether() {
        String[] seventeen = new String[17];
        for (int i = 0; i < 16; i++) {
            seventeen[i] = trailer("x-amz-meta-" + i, "v");
        }
        seventeen[16] = trailer("x-amz-trailer-signature", "0".repeat(64));
        assertThatThrownBy(() -> stream(withTrailers(seventeen)).readAllBytes()).isInstanceOf(PayloadException.class)
                .hasMessageContaining("at most 16 of them");

        String big = "v".repeat(6000); // three lines under the 8 KB line bound, 18 KB together
        assertThatThrownBy(() -> stream(withTrailers(trailer("a", big), trailer("b", big), trailer("c", big)))
                .readAllBytes()).isInstanceOf(PayloadException.class).hasMessageContaining("16384 bytes together");
    }

    @Test
    void framingFarBeyondTheDataIsRefusedEarly() {
        var wire = new StringBuilder();
        for (int i = 0; i < 100; i++) { // 100 bytes of data behind 800 KB of chunk headers
            wire.append("1;x=").append("y".repeat(8000)).append("\r\nz\r\n");
        }
        wire.append("0\r\n\r\n");
        var in = new ByteArrayInputStream(wire.toString().getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> stream(in, 100).readAllBytes()).isInstanceOfSatisfying(PayloadException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("chunk headers and trailers exceed");
        });
        assertThat(wire.length() - in.available()).as("bytes read before the refusal").isLessThan(80_000);
    }

    @Test
    void chunksHoldingMoreThanTheDeclaredLengthAreRefusedSayingSo() throws IOException {
        S3Payload payload = S3Payload.of(Map.of("x-amz-content-sha256", List.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
                "x-amz-decoded-content-length", List.of("5")), null);
        String wire = chunk("hel") + chunk("lo!") + "0\r\n\r\n";

        try (InputStream in = payload.open(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), LIMIT)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(PayloadException.class, e -> {
                assertThat(e.code()).isEqualTo("InvalidRequest");
                assertThat(e.getMessage()).isEqualTo("The request body holds more than the 5 bytes that "
                        + "x-amz-decoded-content-length declares.");
            });
        }
    }

    @Test
    void withoutADeclaredLengthTheChunksAreBoundedByTheSizeLimit() {
        String wire = chunk("hello") + "0\r\n\r\n";
        var in = new AwsChunkedStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), null, false, -1, 4);

        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.code()).isEqualTo("EntityTooLarge"));
    }
}
