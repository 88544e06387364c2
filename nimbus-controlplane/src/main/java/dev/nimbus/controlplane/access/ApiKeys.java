package dev.nimbus.controlplane.access;

import dev.nimbus.core.access.ApiKey;
import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.access.KeyToken;
import dev.nimbus.core.access.Role;
import dev.nimbus.core.secret.SecretBox;
import dev.nimbus.core.tenancy.Namespace;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys, cached in memory so that checking one costs a map lookup and a SHA-256, and the
 * static SigV4 pairs of {@code auth.access-keys}, which count as admin keys of the default namespace. Keys are created
 * with {@link SecureRandom}; the secret is returned once, by {@link #create}, and kept only hashed
 * and sealed in the store (opened into this cache, since SigV4 needs the secret itself).
 *
 * <p>Threading: reads ({@link #authenticate}, {@link #secret}, {@link #signer}) from any request
 * thread, lock-free on an immutable snapshot; changes are serialised on this object and publish a
 * new snapshot after the store committed them. One node only: another node sharing the store
 * would not see changes until it restarts.
 */
public final class ApiKeys {
    private static final System.Logger LOG = System.getLogger(ApiKeys.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._@:-]{1,64}");

    private final KeyStore store;
    private final SecretBox box;
    private final Map<String, String> staticKeys;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, Entry> byId;

    /** A stored key and its secret opened (null if the master key in use cannot open it). */
    private record Entry(ApiKey key, String secret) {
    }

    /** A key just created, with its secret: the only time it is shown. */
    public record Created(ApiKey key, KeyToken token) {
    }

    private ApiKeys(KeyStore store, SecretBox box, Map<String, String> staticKeys, InstantSource clock) {
        this.store = store;
        this.box = box;
        this.staticKeys = Map.copyOf(staticKeys);
        this.clock = clock;
        reload();
    }

    /**
     * @param box        seals new secrets and opens stored ones (the secrets' master key)
     * @param staticKeys SigV4 access key id → secret from the configuration; each acts as an admin
     */
    public static ApiKeys load(KeyStore store, SecretBox box, Map<String, String> staticKeys, InstantSource clock) {
        return new ApiKeys(store, box, staticKeys, clock);
    }

    /** Whether a valid key name: 1-64 letters, digits, spaces or {@code . _ @ : -}. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Creates a key of {@code namespace} with a new random secret. */
    public synchronized Created create(String name, Role role, String namespace) {
        return add(KeyToken.generate(random), name, role, namespace);
    }

    /**
     * The first admin key when there is no key at all: {@code supplied} if given (e.g. from the
     * configuration), else a new one. Empty if keys exist already.
     */
    public synchronized Optional<Created> bootstrap(Optional<KeyToken> supplied) {
        if (!byId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(add(supplied.orElseGet(() -> KeyToken.generate(random)), "admin", Role.ADMIN,
                Namespace.DEFAULT));
    }

    public List<ApiKey> list() {
        return byId.values().stream().map(Entry::key)
                .sorted(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    /** Deletes a key unless it is the last admin key; it stops working at once. */
    public synchronized KeyStore.Deletion delete(String id) {
        KeyStore.Deletion deletion = store.delete(id);
        if (deletion == KeyStore.Deletion.DELETED) {
            var next = new HashMap<>(byId);
            next.remove(id);
            byId = Map.copyOf(next);
        }
        return deletion;
    }

    /** The caller a bearer token ({@code <id>.<secret>}) authenticates, if it is a current key with the right secret. */
    public Optional<Caller> authenticate(String token) {
        return KeyToken.parse(token).flatMap(key -> {
            Entry entry = byId.get(key.id());
            return entry != null && key.matches(entry.key().secretSha256())
                    ? Optional.of(caller(entry.key())) : Optional.empty();
        });
    }

    /** The secret of a SigV4 access key id (a static pair or an API key), or null if unknown. */
    public String secret(String accessKeyId) {
        String fixed = staticKeys.get(accessKeyId);
        if (fixed != null) {
            return fixed;
        }
        Entry entry = byId.get(accessKeyId);
        return entry == null ? null : entry.secret();
    }

    /**
     * Who a SigV4 access key id would sign as (the signature itself is checked by the API): an
     * installation administrator for a static pair; empty if unknown.
     */
    public Optional<Caller> signer(String accessKeyId) {
        if (staticKeys.containsKey(accessKeyId)) {
            return Optional.of(new Caller(accessKeyId, Role.ADMIN, Namespace.DEFAULT));
        }
        return Optional.ofNullable(byId.get(accessKeyId)).map(e -> caller(e.key()));
    }

    private static Caller caller(ApiKey key) {
        return new Caller(key.id(), key.role(), key.namespace());
    }

    private Created add(KeyToken token, String name, Role role, String namespace) {
        if (byId.containsKey(token.id()) || staticKeys.containsKey(token.id())) {
            throw new IllegalStateException("API key id " + token.id() + " exists already");
        }
        var key = new ApiKey(token.id(), name, role, namespace, token.secretSha256(),
                box.seal(KeyToken.sealName(token.id()), token.secret()), clock.instant());
        store.insert(key);
        var next = new HashMap<>(byId);
        next.put(key.id(), new Entry(key, token.secret()));
        byId = Map.copyOf(next);
        return new Created(key, token);
    }

    private void reload() {
        var entries = new HashMap<String, Entry>();
        for (ApiKey key : store.list()) {
            String secret;
            try {
                secret = box.open(KeyToken.sealName(key.id()), key.sealed());
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "API key " + key.id() + " cannot be opened with the secrets'"
                        + " master key in use: it works as a bearer key but not for SigV4 signatures");
                secret = null;
            }
            entries.put(key.id(), new Entry(key, secret));
        }
        byId = Map.copyOf(entries);
    }
}
