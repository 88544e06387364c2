package dev.nimbus.core.auth;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A refused request, thrown by the parsing steps and turned into a {@link Verdict.Refused} once, in
 * {@link SigV4Verifier#verify}. Every user-facing message of this package is written here; where
 * AWS has a well-known wording, it is used. Parts of the request are quoted only when short and
 * validated, or clipped.
 */
final class Refusal extends RuntimeException {
    private static final int CLIP = 64;

    private final transient Verdict.Refused verdict;

    private Refusal(AuthError error, String message) {
        super(message, null, false, false);
        this.verdict = new Verdict.Refused(error, message);
    }

    Verdict.Refused verdict() {
        return verdict;
    }

    static Refusal missingToken() {
        return new Refusal(AuthError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static Refusal repeatedHeader(String name) {
        return incomplete("The request must carry exactly one '" + name + "' header.");
    }

    static Refusal authorizationTooLong(int max) {
        return incomplete("Authorization header must be at most " + max + " characters long.");
    }

    static Refusal unsupportedAlgorithm(String algorithm) {
        return incomplete("Unsupported AWS 'algorithm': '" + clip(algorithm) + "'; only '"
                + Authorization.ALGORITHM + "' is accepted.");
    }

    static Refusal missingEqualSign() {
        return incomplete("Invalid key=value pair (missing equal-sign) in Authorization header.");
    }

    static Refusal repeatedParameter(String name) {
        return incomplete("Authorization header repeats the '" + name + "' parameter.");
    }

    static Refusal missingParameters(List<String> names) {
        return incomplete(names.stream()
                .map(name -> "Authorization header requires '" + name + "' parameter.")
                .collect(Collectors.joining(" ")));
    }

    static Refusal malformedCredential() {
        return incomplete("Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.");
    }

    static Refusal badTerminator(String terminator) {
        return incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                + clip(terminator) + "'.");
    }

    static Refusal malformedSignedHeaders() {
        return incomplete("SignedHeaders must be a ';'-separated list of header names.");
    }

    static Refusal tooManySignedHeaders(int max) {
        return incomplete("SignedHeaders must name at most " + max + " headers.");
    }

    static Refusal hostNotSigned() {
        return incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static Refusal missingDate() {
        return incomplete("Authorization header requires existence of an 'X-Amz-Date' header.");
    }

    static Refusal malformedDate(String date) {
        return incomplete("X-Amz-Date must be in ISO-8601 basic format yyyyMMdd'T'HHmmss'Z' (e.g. 20150830T123600Z), was '"
                + clip(date) + "'.");
    }

    static Refusal scopeDateMismatch(String scopeDate, String requestDay) {
        return invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + requestDay + "', from 'X-Amz-Date'.");
    }

    /** Worked example: {@code Signature expired: 20150830T120000Z is now earlier than 20150830T121500Z (20150830T123000Z - 15 min.)}. */
    static Refusal expired(String date, String earliest, String now, Duration skew) {
        return new Refusal(AuthError.REQUEST_TIME_TOO_SKEWED, "Signature expired: " + date + " is now earlier than " + earliest
                + " (" + now + " - " + skew.toMinutes() + " min.)");
    }

    static Refusal notYetCurrent(String date, String latest, String now, Duration skew) {
        return new Refusal(AuthError.REQUEST_TIME_TOO_SKEWED, "Signature not yet current: " + date + " is still later than " + latest
                + " (" + now + " + " + skew.toMinutes() + " min.)");
    }

    static Refusal unrecognizedClient() {
        return new Refusal(AuthError.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    static Refusal payloadHashMismatch() {
        return invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    static Refusal signedHeaderAbsent(String name) {
        return invalidSignature("The signed header '" + clip(name) + "' is not in the request.");
    }

    static Refusal signatureMismatch() {
        return invalidSignature("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    static Refusal wrongService(String service) {
        return incomplete("Credential should be scoped to correct service: '" + service + "'.");
    }

    static Refusal missingContentSha256() {
        return incomplete("Missing required header for this request: x-amz-content-sha256.");
    }

    static Refusal presignedExpired() {
        return new Refusal(AuthError.REQUEST_EXPIRED, "Request has expired");
    }

    static Refusal sigV4a() {
        return new Refusal(AuthError.SIGV4A_NOT_IMPLEMENTED, "Signature Version 4A (" + SigV4Verifier.SIGV4A
                + ") is not implemented by Nimbus; sign with Signature Version 4 (" + Authorization.ALGORITHM + ").");
    }

    static Refusal malformedPresigned(String what) {
        return incomplete("Query-string authentication requires " + what + ".");
    }

    private static Refusal incomplete(String message) {
        return new Refusal(AuthError.INCOMPLETE_SIGNATURE, message);
    }

    private static Refusal invalidSignature(String message) {
        return new Refusal(AuthError.INVALID_SIGNATURE, message);
    }

    /** Quotes at most 64 printable ASCII characters of untrusted input; anything else becomes '?'. */
    private static String clip(String s) {
        var sb = new StringBuilder(Math.min(s.length(), CLIP) + 3);
        for (int i = 0; i < s.length() && i < CLIP; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > CLIP ? sb.append("...").toString() : sb.toString();
    }
}
