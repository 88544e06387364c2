package dev.nimbus.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SigV4 string to sign and the HMAC-SHA256 key chain, with JDK cryptography only. */
final class Signing {
    private static final HexFormat HEX = HexFormat.of();

    private Signing() {
    }

    /**
     * {@code hex(HMAC(kSigning, stringToSign))} where kSigning is
     * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}.
     */
    static String signature(String secret, Authorization authorization, String amzDate, String canonicalRequest) {
        return signature(signingKey(secret, authorization), authorization, amzDate, canonicalRequest);
    }

    static String signature(byte[] signingKey, Authorization authorization, String amzDate, String canonicalRequest) {
        String stringToSign = Authorization.ALGORITHM + "\n" + amzDate + "\n" + authorization.scope() + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    /** kSigning of {@code authorization}'s scope. */
    static byte[] signingKey(String secret, Authorization authorization) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.scopeDate());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        return hmac(key, Authorization.TERMINATOR);
    }

    /** {@code hex(HMAC(key, data))}. */
    static String hmacHex(byte[] key, String data) {
        return HEX.formatHex(hmac(key, data));
    }

    /** Lower-case hex SHA-256, as in {@code x-amz-content-sha256} and the canonical request. */
    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }
}
