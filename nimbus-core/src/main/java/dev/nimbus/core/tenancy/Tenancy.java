package dev.nimbus.core.tenancy;

import java.util.Optional;

/**
 * Which namespace owns a name, and each namespace's quotas. Lookups are in memory and cheap.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface Tenancy {
    /** One namespace owns everything, without quotas: authentication is off. */
    Tenancy SINGLE = new Tenancy() {
        @Override
        public Optional<String> owner(ResourceKind kind, String name) {
            return Optional.of(Namespace.DEFAULT);
        }

        @Override
        public Optional<Namespace> namespace(String name) {
            return Optional.empty();
        }

        @Override
        public String claim(ResourceKind kind, String name, String namespace) {
            return Namespace.DEFAULT;
        }
    };

    /** The namespace that owns {@code name} of {@code kind}, empty if none has claimed it. */
    Optional<String> owner(ResourceKind kind, String name);

    /** The namespace called {@code name}, with its quotas, if it exists. */
    Optional<Namespace> namespace(String name);

    /**
     * Claims {@code name} of {@code kind} for {@code namespace} unless a namespace has it.
     *
     * @return the owner afterwards: {@code namespace} if the claim holds
     */
    String claim(ResourceKind kind, String name, String namespace);

    /** Whether {@code scope} (empty: no namespaces apply, e.g. authentication is off) may see or use the resource. */
    default boolean visible(Optional<Scope> scope, ResourceKind kind, String name) {
        return scope.isEmpty() || owns(scope.get().namespace(), kind, name);
    }

    /** The namespace of function {@code name}: its owner, else the default one. */
    default String namespaceOf(String function) {
        return owner(ResourceKind.FUNCTION, function).orElse(Namespace.DEFAULT);
    }

    /**
     * Whether {@code namespace} owns {@code name} of {@code kind}; a name nobody claimed counts as
     * the default namespace's (it was made while authentication was off, and is adopted at the next start).
     */
    default boolean owns(String namespace, ResourceKind kind, String name) {
        return owner(kind, name).orElse(Namespace.DEFAULT).equals(namespace);
    }
}
