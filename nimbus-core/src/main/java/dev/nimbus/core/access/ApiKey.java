package dev.nimbus.core.access;

import dev.nimbus.core.secret.SecretStore;
import java.time.Instant;
import java.util.Objects;

/**
 * An API key as stored: never its secret in clear. The SHA-256 of the secret authenticates bearer
 * requests; the secret sealed under the secrets' master key lets SigV4 signatures be checked, which
 * needs the secret itself.
 *
 * @param id           public id, also the SigV4 access key id ({@link KeyToken#ID_PATTERN})
 * @param name         what the key is for, 1-64 characters
 * @param role         what it may do
 * @param namespace    the namespace it acts in ({@link dev.nimbus.core.tenancy.Namespace})
 * @param secretSha256 lower-case hex SHA-256 of the secret
 * @param sealed       the secret sealed with the key id as associated data ({@link KeyToken#sealName})
 * @param createdAt    when it was created
 */
public record ApiKey(String id, String name, Role role, String namespace, String secretSha256, SecretStore.Sealed sealed,
                     Instant createdAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(secretSha256, "secretSha256");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Never shows the hash or the sealed secret. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", role=" + role.wireName() + ", namespace=" + namespace + "]";
    }
}
