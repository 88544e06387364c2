package dev.nimbus.core.auth;

/**
 * The outcome of authenticating an S3 request before its body is read.
 *
 * @param verdict accepted or refused
 * @param signer  checks the chunk signatures of an aws-chunked body ({@link S3Payload#of});
 *                null when refused or when the request was presigned
 */
public record S3Verdict(Verdict verdict, ChunkSigner signer) {
}
