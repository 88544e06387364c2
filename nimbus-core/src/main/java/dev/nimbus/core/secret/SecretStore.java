package dev.nimbus.core.secret;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Secrets as they are kept: sealed by a {@link SecretBox}, whose key is never stored here.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface SecretStore {

    /** A sealed value: the nonce and the ciphertext with its authentication tag. */
    record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** Creates or replaces; true if it was created. */
    boolean put(String name, Sealed sealed, Instant at);

    Optional<Sealed> sealed(String name);

    Optional<Secret> get(String name);

    List<Secret> list();

    /** False if there was none. */
    boolean delete(String name);
}
