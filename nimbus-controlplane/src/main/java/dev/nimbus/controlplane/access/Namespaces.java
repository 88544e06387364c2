package dev.nimbus.controlplane.access;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.tenancy.Claim;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.NamespaceStore;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The namespaces and the claims of names, cached in memory: an owner lookup is a map lookup.
 * Names stay unique per kind across the installation (like S3 bucket names), so routes such as
 * {@code /fn/{name}} need no namespace; a namespace owns a name from its first creation attempt
 * until the namespace is deleted, also after the resource is gone ({@link Claim}).
 *
 * <p>Threading: lookups from any thread; changes are serialised on this object and reach the cache
 * after the store committed them. One node only, like {@link ApiKeys}.
 */
public final class Namespaces implements Tenancy {
    private final NamespaceStore store;
    private final InstantSource clock;
    private final Map<ClaimKey, String> owners = new ConcurrentHashMap<>();
    private volatile Map<String, Namespace> byName;

    private record ClaimKey(ResourceKind kind, String name) {
    }

    /** What a deletion did. */
    public enum Deletion { DELETED, NOT_FOUND, DEFAULT, IN_USE }

    private Namespaces(NamespaceStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        var all = new HashMap<String, Namespace>();
        store.list().forEach(n -> all.put(n.name(), n));
        if (!all.containsKey(Namespace.DEFAULT)) {
            var first = new Namespace(Namespace.DEFAULT, null, null, null, clock.instant());
            store.put(first);
            all.put(first.name(), first);
        }
        byName = Map.copyOf(all);
        store.claims().forEach(c -> owners.put(new ClaimKey(c.kind(), c.name()), c.namespace()));
    }

    /** Loads the namespaces and claims, creating the default namespace at first start. */
    public static Namespaces load(NamespaceStore store, InstantSource clock) {
        return new Namespaces(store, clock);
    }

    @Override
    public Optional<String> owner(ResourceKind kind, String name) {
        return Optional.ofNullable(owners.get(new ClaimKey(kind, name)));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Namespace> list() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(Namespace::name)).toList();
    }

    @Override
    public String claim(ResourceKind kind, String name, String namespace) {
        var key = new ClaimKey(kind, name);
        String owner = owners.get(key);
        if (owner != null) {
            return owner;
        }
        synchronized (this) {
            if (!byName.containsKey(namespace)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "Namespace not found: " + namespace);
            }
            owner = store.claim(kind, name, namespace);
            owners.put(key, owner);
            return owner;
        }
    }

    /** Claims for the default namespace every name of {@code kind} nobody has: what existed before namespaces, or was made with authentication off. */
    public void adopt(ResourceKind kind, Collection<String> names) {
        names.forEach(name -> claim(kind, name, Namespace.DEFAULT));
    }

    /** Creates the namespace or replaces its quotas; true if created. */
    public synchronized boolean put(String name, Integer maxFunctions, Integer maxInstances, Long maxCodeBytes) {
        Namespace before = byName.get(name);
        var next = new Namespace(name, maxFunctions, maxInstances, maxCodeBytes,
                before == null ? clock.instant() : before.createdAt());
        boolean created = store.put(next);
        var all = new HashMap<>(byName);
        all.put(name, next);
        byName = Map.copyOf(all);
        return created;
    }

    /**
     * Deletes a namespace none of whose claimed resources exists, and with it its claims. (Its keys
     * are the caller's to check: a key whose namespace is gone is refused by the access filter.)
     *
     * @param exists whether a claimed resource still exists
     */
    public synchronized Deletion delete(String name, Predicate<Claim> exists) {
        if (name.equals(Namespace.DEFAULT)) {
            return Deletion.DEFAULT;
        }
        if (!byName.containsKey(name)) {
            return Deletion.NOT_FOUND;
        }
        if (owners.entrySet().stream().filter(e -> e.getValue().equals(name))
                .anyMatch(e -> exists.test(new Claim(e.getKey().kind(), e.getKey().name(), name)))) {
            return Deletion.IN_USE;
        }
        store.delete(name);
        owners.values().removeIf(name::equals);
        var all = new HashMap<>(byName);
        all.remove(name);
        byName = Map.copyOf(all);
        return Deletion.DELETED;
    }
}
