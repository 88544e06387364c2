package dev.nimbus.core.access;

/**
 * Who a request was authenticated as with an API key ({@code Authorization: Bearer} or
 * {@code X-Api-Key}). The access filter registers it in the request's context once the key is
 * verified and its role allows the request; the AWS-compatible facades then skip their SigV4 check.
 *
 * @param keyId the key's public id
 * @param role      its role
 * @param namespace its key's namespace
 */
public record Caller(String keyId, Role role, String namespace) {
    /** Whether an installation administrator: an admin key of the default namespace, which may act in any. */
    public boolean administersInstallation() {
        return role == Role.ADMIN && namespace.equals(dev.nimbus.core.tenancy.Namespace.DEFAULT);
    }
}
