package dev.nimbus.controlplane.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigV4CredentialTest {

    @Test
    void theAccessKeyIdComesFromTheHeaderOrThePresignedQuery() {
        assertThat(SigV4Credential.accessKeyId("AWS4-HMAC-SHA256 Credential=NKAAAAAAAAAAAAAAAAAA/20261127/us-east-1/"
                + "lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", null))
                .isEqualTo("NKAAAAAAAAAAAAAAAAAA");
        assertThat(SigV4Credential.accessKeyId(null, "AKID/20261127/us-east-1/s3/aws4_request")).isEqualTo("AKID");
        assertThat(SigV4Credential.accessKeyId("Bearer x", null)).isNull();
        assertThat(SigV4Credential.accessKeyId("AWS4-HMAC-SHA256 Signature=abc", null)).isNull();
        assertThat(SigV4Credential.accessKeyId(null, "/20261127")).isNull();
        assertThat(SigV4Credential.accessKeyId(null, null)).isNull();
    }
}
