package dev.nimbus.core.tenancy;

import java.util.List;

/**
 * Namespaces and the claims of names.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface NamespaceStore {
    /** Every namespace, by name. */
    List<Namespace> list();

    /** Creates the namespace, or replaces its quotas (keeping its creation time); true if created. */
    boolean put(Namespace namespace);

    /** Deletes the namespace and its claims; false if there was none. */
    boolean delete(String name);

    /** Every claim. */
    List<Claim> claims();

    /**
     * Claims {@code name} of {@code kind} for {@code namespace} unless some namespace has; in one
     * statement, so two claims at once cannot both win.
     *
     * @return the owner afterwards
     */
    String claim(ResourceKind kind, String name, String namespace);
}
