package dev.nimbus.core.access;

/**
 * The access key a SigV4 request was admitted for by the access filter (its role and namespace
 * were checked for that key). The API verifying the signature accepts a signature by this key
 * only ({@link dev.nimbus.core.auth.RequestAuth#signedBy}), so a request cannot be checked as one
 * key and signed by another; a signed request the filter admitted for no key carries none, and no
 * signature is accepted.
 *
 * @param accessKeyId the key's id
 */
public record Signer(String accessKeyId) {
}
