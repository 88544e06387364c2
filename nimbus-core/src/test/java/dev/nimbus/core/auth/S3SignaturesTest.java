package dev.nimbus.core.auth;

import static dev.nimbus.core.auth.SdkSigning.ACCESS_KEY;
import static dev.nimbus.core.auth.SdkSigning.REGION;
import static dev.nimbus.core.auth.SdkSigning.SECRET;
import static dev.nimbus.core.auth.SdkSigning.SIGNED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * S3's SigV4 against the AWS SDK's own signer configured as S3Client configures it (service s3,
 * path encoded once and not normalized): header and query authentication, and aws-chunked bodies
 * with chunk signatures and trailing checksums, decoded and verified as they stream.
 */
class S3SignaturesTest {
    static final byte[] BODY = body(200_000); // more than one 128 KB chunk
    final SigV4Verifier verifier = SigV4Verifier.create(Map.of(ACCESS_KEY, SECRET), InstantSource.fixed(SIGNED_AT),
            SigV4Verifier.AWS_SKEW);

    static byte[] body(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A PutObject of a key that needs encoding, under the endpoint's /s3 path. */
    static SdkHttpRequest put(int length) {
        return put(length, "http");
    }

    /** Over plain HTTP the SDK always signs the payload; over HTTPS it may leave it unsigned. */
    static SdkHttpRequest put(int length, String scheme) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create(scheme + "://localhost:9000"))
                .encodedPath("/s3/photos/in%20box/caf%C3%A9%2Bx%2A.jpg")
                .putHeader("Content-Type", "image/jpeg").putHeader("Content-Length", String.valueOf(length)).build();
    }

    static SignedRequest sign(SdkHttpRequest request, byte[] body, String secret, boolean signPayload, boolean chunked,
                              ChecksumAlgorithm checksum) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, secret)).request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
            if (checksum != null) {
                r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, checksum);
            }
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
        });
    }

    private S3Verdict verify(SignedRequest signed) {
        URI uri = signed.request().getUri();
        return verifier.verifyS3(signed.request().method().name(), uri.getRawPath(), uri.getRawQuery(),
                signed.request().headers());
    }

    /** The body the verified request decodes to, read as the server reads it. */
    private static byte[] decode(SignedRequest signed, S3Verdict verdict, byte[] wire) throws IOException {
        S3Payload payload = S3Payload.of(signed.request().headers(), verdict.signer());
        try (InputStream in = payload.open(new ByteArrayInputStream(wire), 1 << 20)) {
            return in.readAllBytes();
        }
    }

    private static byte[] wire(SignedRequest signed) throws IOException {
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void signedChunksWithASignedCrc32TrailerAreDecodedAndVerified() throws IOException {
        SignedRequest signed = sign(put(BODY.length), BODY, SECRET, true, true, DefaultChecksumAlgorithm.CRC32);
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256"))
                .contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");

        S3Verdict verdict = verify(signed);

        assertThat(verdict.verdict()).isEqualTo(new Verdict.Accepted(ACCESS_KEY, REGION, "s3"));
        assertThat(decode(signed, verdict, wire(signed))).isEqualTo(BODY);
    }

    @Test
    void signedChunksWithoutTrailerAndUnsignedChunksWithEachChecksumDecode() throws IOException {
        SignedRequest plain = sign(put(BODY.length), BODY, SECRET, true, true, null);
        assertThat(decode(plain, verify(plain), wire(plain))).isEqualTo(BODY);
        for (ChecksumAlgorithm algorithm : List.of(DefaultChecksumAlgorithm.CRC32, DefaultChecksumAlgorithm.CRC32C,
                DefaultChecksumAlgorithm.SHA256, DefaultChecksumAlgorithm.SHA1)) { // CRC64NVME needs the SDK's CRT
            SignedRequest unsigned = sign(put(BODY.length, "https"), BODY, SECRET, false, true, algorithm);
            assertThat(unsigned.request().firstMatchingHeader("x-amz-content-sha256"))
                    .contains("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
            assertThat(decode(unsigned, verify(unsigned), wire(unsigned))).as(algorithm.algorithmId()).isEqualTo(BODY);
        }
    }

    @Test
    void aChangedChunkIsASignatureMismatchAndAChangedChecksumABadDigest() throws IOException {
        SignedRequest signed = sign(put(BODY.length), BODY, SECRET, true, true, DefaultChecksumAlgorithm.CRC32);
        S3Verdict verdict = verify(signed);
        byte[] tampered = wire(signed);
        int dataStart = indexOf(tampered, "\r\n".getBytes(StandardCharsets.US_ASCII)) + 2;
        tampered[dataStart + 10] ^= 1;

        assertThatThrownBy(() -> decode(signed, verdict, tampered)).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));

        SignedRequest unsigned = sign(put(BODY.length, "https"), BODY, SECRET, false, true, DefaultChecksumAlgorithm.CRC32);
        byte[] changed = wire(unsigned);
        changed[indexOf(changed, "\r\n".getBytes(StandardCharsets.US_ASCII)) + 12] ^= 1;
        assertThatThrownBy(() -> decode(unsigned, verify(unsigned), changed)).isInstanceOfSatisfying(
                PayloadException.class, e -> assertThat(e.code()).isEqualTo("BadDigest"));
    }

    @Test
    void aBodyCutShortOrNotMatchingItsDeclaredSha256IsRefused() throws IOException {
        SignedRequest chunked = sign(put(BODY.length, "https"), BODY, SECRET, false, true, DefaultChecksumAlgorithm.CRC32);
        byte[] wire = wire(chunked);
        assertThatThrownBy(() -> decode(chunked, verify(chunked), Arrays.copyOf(wire, wire.length / 2)))
                .isInstanceOf(PayloadException.class);

        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        SignedRequest hashed = sign(put(small.length), small, SECRET, true, false, null);
        S3Verdict verdict = verify(hashed);
        assertThat(verdict.verdict()).isInstanceOf(Verdict.Accepted.class);
        assertThat(decode(hashed, verdict, small)).isEqualTo(small);
        assertThatThrownBy(() -> decode(hashed, verdict, "jello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch"));
    }

    @Test
    void aWrongSecretOrAnotherServiceIsRefusedBeforeTheBody() {
        SignedRequest wrong = sign(put(BODY.length), BODY, "not-the-secret", true, true, null);
        assertThat(verify(wrong).verdict()).isInstanceOfSatisfying(Verdict.Refused.class,
                r -> assertThat(r.error().s3Code()).isEqualTo("SignatureDoesNotMatch"));

        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://localhost:9000"))
                .encodedPath("/s3/photos").putRawQueryParameter("list-type", "2").build();
        var lambdaSigned = SdkSigning.sign(get, new byte[0], ACCESS_KEY, SECRET);
        var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(lambdaSigned.headers());
        headers.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        assertThat(verifier.verifyS3("GET", "/s3/photos", "list-type=2", headers).verdict())
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.message()).contains("'s3'"));
        assertThat(verifier.verifyS3("GET", "/s3/photos", "", Map.of()).verdict())
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.error().s3Code()).isEqualTo("AccessDenied"));
    }

    @Test
    void aPresignedGetIsAcceptedUntilItExpires() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://localhost:9000"))
                .encodedPath("/s3/photos/a%20b.txt").build();
        SignedRequest presigned = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET)).request(get)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)));
        URI uri = presigned.request().getUri();

        assertThat(verify(presigned).verdict()).isInstanceOf(Verdict.Accepted.class);
        S3Verdict late = SigV4Verifier.create(Map.of(ACCESS_KEY, SECRET), InstantSource.fixed(SIGNED_AT.plus(
                Duration.ofMinutes(11))), SigV4Verifier.AWS_SKEW).verifyS3("GET", uri.getRawPath(), uri.getRawQuery(),
                presigned.request().headers());
        assertThat(late.verdict()).isEqualTo(new Verdict.Refused(AuthError.REQUEST_EXPIRED, "Request has expired"));
        String otherKey = uri.getRawPath().replace("a%20b", "c");
        assertThat(verifier.verifyS3("GET", otherKey, uri.getRawQuery(), presigned.request().headers()).verdict())
                .isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void signatureVersion4AIsNotImplementedAsTheDocsSay() {
        String date = "20261125T120000Z";
        var headers = Map.of("Authorization", List.of("AWS4-ECDSA-P256-SHA256 Credential=" + ACCESS_KEY
                        + "/20261125/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045022100ab"),
                "X-Amz-Date", List.of(date), "X-Amz-Region-Set", List.of("*"), "x-amz-content-sha256",
                List.of("UNSIGNED-PAYLOAD"), "Host", List.of("localhost:9000"));
        String presigned = "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=" + ACCESS_KEY
                + "%2F20261125%2Fs3%2Faws4_request&X-Amz-Date=" + date + "&X-Amz-Expires=60&X-Amz-Region-Set=%2A"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=3045022100ab";

        for (S3Verdict verdict : List.of(verifier.verifyS3("GET", "/s3/photos/a.txt", "", headers),
                verifier.verifyS3("GET", "/s3/photos/a.txt", presigned, Map.of("Host", List.of("localhost:9000"))))) {
            assertThat(verdict.verdict()).isInstanceOfSatisfying(Verdict.Refused.class, r -> {
                assertThat(r.error().s3Status()).isEqualTo(501);
                assertThat(r.error().s3Code()).isEqualTo("NotImplemented");
                assertThat(r.message()).startsWith("Signature Version 4A (AWS4-ECDSA-P256-SHA256) is not implemented");
            });
        }
    }

    @Test
    void crc64NvmeHasItsCheckValue() {
        var crc = new Checksum.Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
