package dev.nimbus.core.access;

import java.util.List;

/**
 * API keys as they are kept: hashed and sealed, never in clear.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface KeyStore {

    /** What {@link #delete} did. */
    enum Deletion { DELETED, NOT_FOUND, LAST_ADMIN }

    /** Adds a key; its id is new (ids are random). */
    void insert(ApiKey key);

    /** Every key, oldest first. */
    List<ApiKey> list();

    /** Deletes the key unless it is the last admin key of the default namespace, in one transaction. */
    Deletion delete(String id);
}
