package dev.nimbus.core.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d67...}.
 * Parsing is bounded: the header is at most 4 KB and names at most 64 signed headers.
 */
record Authorization(String accessKeyId, String scopeDate, String region, String service,
                     List<String> signedHeaders, String signature) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final int MAX_LENGTH = 4096;
    static final int MAX_SIGNED_HEADERS = 64;
    private static final List<String> PARAMETERS = List.of("Credential", "SignedHeaders", "Signature");
    private static final Pattern SCOPE_DATE = Pattern.compile("[0-9]{8}");

    Authorization {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** The credential scope, {@code 20150830/us-east-1/lambda/aws4_request}. */
    String scope() {
        return scopeDate + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** @throws Refusal {@link AuthError#INCOMPLETE_SIGNATURE} naming what is malformed */
    static Authorization parse(String header) {
        if (header.length() > MAX_LENGTH) {
            throw Refusal.authorizationTooLong(MAX_LENGTH);
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw Refusal.unsupportedAlgorithm(algorithm);
        }
        Map<String, String> parameters = parameters(space < 0 ? "" : trimmed.substring(space + 1));
        List<String> missing = PARAMETERS.stream().filter(name -> parameters.getOrDefault(name, "").isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw Refusal.missingParameters(missing);
        }
        String[] credential = parameters.get("Credential").split("/", -1);
        if (credential.length != 5 || Arrays.stream(credential).anyMatch(String::isEmpty)
                || !SCOPE_DATE.matcher(credential[1]).matches()) {
            throw Refusal.malformedCredential();
        }
        if (!credential[4].equals(TERMINATOR)) {
            throw Refusal.badTerminator(credential[4]);
        }
        return new Authorization(credential[0], credential[1], credential[2], credential[3],
                signedHeaders(parameters.get("SignedHeaders")), parameters.get("Signature"));
    }

    /** {@code Credential=..., SignedHeaders=..., Signature=...}; parameters other than these three are ignored. */
    private static Map<String, String> parameters(String list) {
        var parameters = new HashMap<String, String>();
        for (String pair : list.split(",")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw Refusal.missingEqualSign();
            }
            String name = p.substring(0, eq);
            if (PARAMETERS.contains(name) && parameters.put(name, p.substring(eq + 1)) != null) {
                throw Refusal.repeatedParameter(name);
            }
        }
        return parameters;
    }

    private static List<String> signedHeaders(String list) {
        String[] names = list.split(";", -1);
        if (names.length > MAX_SIGNED_HEADERS) {
            throw Refusal.tooManySignedHeaders(MAX_SIGNED_HEADERS);
        }
        var result = new ArrayList<String>(names.length);
        for (String name : names) {
            if (name.isEmpty() || !name.chars().allMatch(Authorization::isTokenChar)) {
                throw Refusal.malformedSignedHeaders();
            }
            result.add(name);
        }
        if (!result.contains("host")) {
            throw Refusal.hostNotSigned();
        }
        return result;
    }

    /** A character allowed in an HTTP header name (RFC 9110 {@code tchar}). */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
