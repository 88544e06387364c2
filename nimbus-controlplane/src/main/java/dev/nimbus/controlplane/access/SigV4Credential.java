package dev.nimbus.controlplane.access;

/**
 * The access key id a SigV4 request claims, read without checking anything else (the API that
 * receives the request verifies the signature): from {@code Authorization: AWS4-HMAC-SHA256
 * Credential=AKID/20260101/us-east-1/lambda/aws4_request, ...} or a presigned URL's
 * {@code X-Amz-Credential=AKID/...}.
 */
final class SigV4Credential {
    private static final int MAX_ID = 128;

    private SigV4Credential() {
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param queryCredential the decoded {@code X-Amz-Credential} query parameter, or null
     * @return the access key id, or null if neither names one
     */
    static String accessKeyId(String authorization, String queryCredential) {
        if (authorization != null && authorization.strip().startsWith("AWS4-")) {
            int at = authorization.indexOf("Credential=");
            return at < 0 ? null : id(authorization.substring(at + "Credential=".length()));
        }
        return queryCredential == null ? null : id(queryCredential);
    }

    private static String id(String credential) {
        int slash = credential.indexOf('/');
        return slash <= 0 || slash > MAX_ID ? null : credential.substring(0, slash);
    }
}
