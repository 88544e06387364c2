package dev.nimbus.controlplane.function;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.LastUpdate;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.ProvisionedConcurrency;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.core.function.ValidationException;
import dev.nimbus.core.secret.Secrets;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.core.logs.FunctionLogs;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Functions, their published versions, aliases, URLs and function-wide settings: the one
 * implementation behind the native and the Lambda management APIs.
 *
 * <p>Every deploy creates a new immutable revision that serves {@code $LATEST} at once; publishing
 * freezes the current revision as the next version number; aliases point at versions, optionally
 * splitting traffic between two. The listener lets instances that no longer serve drain.
 *
 * <p>Threading: called from request threads. Changes to one function run under that function's
 * lock and end by re-reading its state from the store into an immutable snapshot, which the
 * request path reads without locking.
 */
public final class FunctionService implements FunctionCatalog {
    private final Predicate<String> secretExists;
    private final Tenancy tenancy;
    /** Functions being created now, by namespace: counted against its quota until they exist. */
    private final Map<String, Set<String>> creating = new HashMap<>();
    private final FunctionStore store;
    private final CodeStore code;
    private final FunctionListener listener;
    private final FunctionLogs logs;
    private final PoolHooks pool;
    private final InstantSource clock;
    private final DoubleSupplier random;
    private final Map<String, FunctionState> states = new ConcurrentHashMap<>();
    /** Striped: a bounded set of locks, however many names callers make up. */
    private final Object[] locks = new Object[64];
    private final Map<String, FunctionUrl> urlsById = new ConcurrentHashMap<>();
    /** The floors last told to the listener per function, so that it hears only of changes. */
    private final Map<String, Map<String, Integer>> floors = new ConcurrentHashMap<>();

    /**
     * @param secretExists whether a secret that an environment variable refers to ({@code ${secret:NAME}}) exists
     * @param tenancy      the namespace of each function and secret, and the namespaces' quotas
     * @param pool         gates updates on their new revision initialising, and counts warm instances
     * @param random       uniform draws in [0, 1) that pick a version for aliases with weights
     */
    public FunctionService(FunctionStore store, CodeStore code, FunctionListener listener, FunctionLogs logs,
                           Predicate<String> secretExists, Tenancy tenancy, PoolHooks pool, InstantSource clock,
                           DoubleSupplier random) {
        this.store = store;
        this.secretExists = secretExists;
        this.tenancy = tenancy;
        this.code = code;
        this.listener = listener;
        this.logs = logs;
        this.pool = pool;
        this.clock = clock;
        this.random = random;
        Arrays.setAll(locks, i -> new Object());
        for (FunctionState state : store.listStates()) {
            states.put(state.name(), state);
            state.urls().forEach(u -> urlsById.put(u.urlId(), u));
            if (state.reservedConcurrency() != null) {
                listener.reservedConcurrencyChanged(state.name(), state.reservedConcurrency());
            }
            Map<String, Integer> initial = ProvisionedFloors.of(state);
            if (!initial.isEmpty()) {
                floors.put(state.name(), initial);
                listener.provisionedFloorsChanged(state.name(), initial);
            }
        }
    }

    @Override
    public Optional<FunctionState> state(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(states.get(name));
    }

    @Override
    public Optional<Target> resolve(String name, String qualifier) {
        FunctionState state = name == null ? null : states.get(name);
        if (state == null) {
            return Optional.empty();
        }
        if (qualifier == null || qualifier.equals(FunctionRevision.LATEST)) {
            return Optional.of(new Target(state.latest(), qualifier));
        }
        Optional<FunctionRevision> version = state.version(qualifier);
        if (version.isPresent()) {
            return Optional.of(new Target(version.get(), qualifier));
        }
        return state.alias(qualifier)
                .flatMap(alias -> state.version(alias.pick(random.getAsDouble())))
                .map(revision -> new Target(revision, qualifier));
    }

    @Override
    public Optional<FunctionUrl> url(String urlId) {
        return urlId == null ? Optional.empty() : Optional.ofNullable(urlsById.get(urlId));
    }

    /** Every function, ordered by name. */
    public List<FunctionState> list() {
        return states.values().stream().sorted(Comparator.comparing(FunctionState::name)).toList();
    }

    public FunctionState get(String name) {
        return state(name).orElseThrow(() -> Messages.functionNotFound(name));
    }

    /** Whether a deploy may create the function, update it, or both. */
    public enum Mode { CREATE, UPDATE, UPSERT }

    /**
     * Creates revision 1 of a new function, or the next revision of an existing one. The new
     * revision is built first, with the number and revision id it will be stored with, and handed
     * to the {@link RolloutGate}; an update is stored and activated only if the gate admits it.
     * A refused update changes nothing but the function's {@link LastUpdate}, which records the
     * init error, and answers {@link ErrorCode#INIT_FAILED}. A create is not gated: the gate only
     * starts its first instances early.
     */
    public FunctionRevision deploy(String name, DeployRequest request, Mode mode) {
        FunctionName.require(name);
        String namespace = tenancy.namespaceOf(name);
        synchronized (lock(name)) {
            FunctionState current = states.get(name);
            if (current != null && mode == Mode.CREATE) {
                throw new ApiException(ErrorCode.CONFLICT, "Function already exist: " + name);
            }
            if (current == null && mode == Mode.UPDATE) {
                throw Messages.functionNotFound(name);
            }
            if (current == null) {
                reserveCreation(namespace, name);
            }
            try {
                return deploy(name, namespace, request, current);
            } finally {
                if (current == null) {
                    synchronized (creating) {
                        creating.get(namespace).remove(name);
                    }
                }
            }
        }
    }

    /** Refuses a code archive of {@code bytes} for function {@code name} beyond its namespace's maxCodeBytes quota. */
    public void checkCodeSize(String name, long bytes) {
        String namespace = tenancy.namespaceOf(name);
        Long max = tenancy.namespace(namespace).map(Namespace::maxCodeBytes).orElse(null);
        if (max != null && bytes > max) {
            throw new ApiException(ErrorCode.QUOTA_EXCEEDED, "The code is " + bytes + " bytes; namespace " + namespace
                    + " allows at most " + max + " (its maxCodeBytes quota)");
        }
    }

    /** Counts a function being created against its namespace's quota, or refuses it. */
    private void reserveCreation(String namespace, String name) {
        Integer max = tenancy.namespace(namespace).map(Namespace::maxFunctions).orElse(null);
        synchronized (creating) {
            Set<String> pending = creating.computeIfAbsent(namespace, n -> new HashSet<>());
            long count = states.keySet().stream().filter(n -> tenancy.namespaceOf(n).equals(namespace)).count()
                    + pending.size();
            if (max != null && count >= max) {
                throw new ApiException(ErrorCode.QUOTA_EXCEEDED, "Namespace " + namespace + " has " + count
                        + " of its maximum of " + max + " functions (its maxFunctions quota); delete one first");
            }
            pending.add(name);
        }
    }

    private FunctionRevision deploy(String name, String namespace, DeployRequest request, FunctionState current) {
        FunctionRevision previous = current == null ? null : current.latest();
        if (previous != null) {
            checkRevisionId(request.revisionId(), previous.revisionId());
        }
        String sha = request.codeSha256() != null ? request.codeSha256() : previous == null ? null : previous.codeSha256();
        if (sha == null) {
            throw new ValidationException("codeSha256",
                    "is required for a new function (upload the zip with POST /api/v1/code)");
        }
        if (!sha.matches("[0-9a-f]{64}")) {
            throw Messages.codeNotFound(sha);
        }
        CodeStore.StoredCode stored = code.find(sha).orElseThrow(() -> Messages.codeNotFound(sha));
        checkCodeSize(name, stored.size());
        FunctionConfig config = merge(request, previous == null ? null : previous.config());
        for (String secret : Secrets.references(config.environment())) {
            if (!secretExists.test(secret) || !tenancy.owns(namespace, ResourceKind.SECRET, secret)) {
                throw new ValidationException("environment", "refers to the secret '" + secret + "', which does not"
                        + " exist; create it first (PUT /api/v1/secrets/" + secret + " or nimbus secret set)");
            }
        }
        var candidate = new FunctionRevision(name, previous == null ? 1 : previous.revision() + 1, config, sha,
                stored.size(), clock.instant(), UUID.randomUUID().toString(), FunctionRevision.LATEST);
        GateResult admission = pool.gate().admit(candidate, previous);
        if (previous != null && admission instanceof GateResult.Refused refused) {
            store.recordFailedUpdate(name, LastUpdate.failed(refused.errorType(), refused.message(), clock.instant()));
            reload(name);
            throw initFailed(candidate, previous, refused);
        }
        FunctionRevision revision = store.createRevision(candidate);
        reload(name);
        listener.revisionActivated(revision);
        return revision;
    }

    private static FunctionConfig merge(DeployRequest r, FunctionConfig prev) {
        Runtime runtime = r.runtime() != null ? Runtime.of(r.runtime()) : prev != null ? prev.runtime() : null;
        return new FunctionConfig(
                runtime,
                r.handler() != null ? r.handler() : prev != null ? prev.handler() : null,
                r.memoryMb() != null ? r.memoryMb() : prev != null ? prev.memoryMb() : FunctionConfig.DEFAULT_MEMORY_MB,
                r.timeoutSeconds() != null ? r.timeoutSeconds()
                        : prev != null ? prev.timeoutSeconds() : FunctionConfig.DEFAULT_TIMEOUT_SECONDS,
                r.environment() != null ? r.environment() : prev != null ? prev.environment() : Map.of(),
                r.description() != null ? r.description() : prev != null ? prev.description() : "",
                r.concurrency() != null ? r.concurrency() : prev != null ? prev.concurrency() : FunctionConfig.DEFAULT_CONCURRENCY,
                r.role() != null ? r.role() : prev != null ? prev.role() : "",
                r.lambdaRuntime() != null ? r.lambdaRuntime()
                        : prev != null && (r.runtime() == null || runtime == prev.runtime()) ? prev.lambdaRuntime() : "",
                r.httpPayloadFormat() != null ? PayloadFormat.of(r.httpPayloadFormat())
                        : prev != null ? prev.httpPayload() : PayloadFormat.V2,
                scaling(r, prev),
                r.egress() != null ? r.egress() : prev != null && prev.egress());
    }

    /** The request's scaling merged into the previous revision's, with {@code maxInstances = concurrency}. */
    private static ScalingSpec scaling(DeployRequest r, FunctionConfig prev) {
        ScalingSpec before = prev != null ? prev.scaling() : null;
        if (r.scaling() == null) {
            return before;
        }
        int concurrency = r.concurrency() != null ? r.concurrency()
                : prev != null ? prev.concurrency() : FunctionConfig.DEFAULT_CONCURRENCY;
        return r.scaling().applyTo(before, concurrency);
    }

    private static ApiException initFailed(FunctionRevision candidate, FunctionRevision previous,
                                           GateResult.Refused refused) {
        return new ApiException(ErrorCode.INIT_FAILED, "The update of " + candidate.name() + " was not applied: its new "
                + "revision failed to initialise (" + refused.errorType() + ": " + clip(refused.message())
                + "); revision " + previous.revision() + " keeps serving $LATEST");
    }

    /**
     * Publishes {@code $LATEST} as the next version. If the newest version already freezes the
     * current revision, that version is returned instead of a new one (as Lambda does).
     *
     * @param codeSha256 if present, hex sha256 the current code must have
     * @param revisionId if present, the revision id {@code $LATEST} must have
     */
    public FunctionRevision publish(String name, String codeSha256, String description, String revisionId) {
        synchronized (lock(name)) {
            FunctionState state = get(name);
            FunctionRevision latest = state.latest();
            checkRevisionId(revisionId, latest.revisionId());
            if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
                throw new ApiException(ErrorCode.PRECONDITION_FAILED, "CodeSha256 (" + codeSha256
                        + ") is different from current CodeSha256 in $LATEST (" + latest.codeSha256()
                        + "). Please try again with the current CodeSha256.");
            }
            if (description != null && description.length() > 256) {
                throw new ValidationException("description", "must be at most 256 characters, was " + description.length());
            }
            if (!state.versions().isEmpty() && state.versions().getLast().revision() == latest.revision()) {
                return state.versions().getLast();
            }
            FunctionRevision version = store.publish(name, latest.revision(), description, clock.instant());
            reload(name);
            return version;
        }
    }

    /** Deletes one published version; refused while an alias routes to it. */
    public void deleteVersion(String name, String version) {
        synchronized (lock(name)) {
            FunctionState state = get(name);
            if (FunctionRevision.LATEST.equals(version)) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER,
                        "$LATEST version cannot be deleted without deleting the function.");
            }
            if (state.version(version).isEmpty()) {
                throw versionNotFound(name, version);
            }
            List<String> routing = state.aliases().stream()
                    .filter(a -> a.version().equals(version) || version.equals(a.additionalVersion()))
                    .map(Alias::name).toList();
            if (!routing.isEmpty()) {
                throw new ApiException(ErrorCode.CONFLICT, "Unable to delete version because the following "
                        + "aliases reference it: " + routing);
            }
            store.deleteVersion(name, version);
            reload(name);
            listener.versionDeleted(name, version);
            publishFloors(name);
        }
    }

    /** Deletes a function with all versions and aliases; its instances finish in-flight work, then stop. */
    public void delete(String name) {
        synchronized (lock(name)) {
            if (!store.delete(name)) {
                throw Messages.functionNotFound(name);
            }
            states.remove(name);
            urlsById.values().removeIf(u -> u.function().equals(name));
            listener.functionDeleted(name);
            publishFloors(name);
            logs.delete(name);
        }
    }

    /**
     * Creates an alias ({@code create}) or updates an existing one.
     */
    public Alias putAlias(String name, String aliasName, AliasRequest request, boolean create) {
        return saveAlias(name, aliasName, request, create ? Mode.CREATE : Mode.UPDATE).alias();
    }

    /** An alias as saved, and whether the save created it. */
    public record SavedAlias(Alias alias, boolean created) {
    }

    /** Creates an alias or updates it, whichever applies at the time, atomically. */
    public SavedAlias upsertAlias(String name, String aliasName, AliasRequest request) {
        return saveAlias(name, aliasName, request, Mode.UPSERT);
    }

    private SavedAlias saveAlias(String name, String aliasName, AliasRequest request, Mode mode) {
        synchronized (lock(name)) {
            FunctionState state = get(name);
            if (!Alias.isValidName(aliasName)) {
                throw new ValidationException("name", "an alias name must be 1-128 letters, digits, '-' or '_',"
                        + " and not only digits, was '" + clip(aliasName) + "'");
            }
            Optional<Alias> existing = state.alias(aliasName);
            if (mode == Mode.CREATE && existing.isPresent()) {
                throw new ApiException(ErrorCode.CONFLICT, "Alias already exists: " + name + ":" + aliasName);
            }
            if (mode == Mode.UPDATE && existing.isEmpty()) {
                throw aliasNotFound(name, aliasName);
            }
            Alias prev = existing.orElse(null);
            if (prev != null) {
                checkRevisionId(request.revisionId(), prev.revisionId());
            }
            String version = request.version() != null ? request.version() : prev != null ? prev.version() : null;
            if (version == null) {
                throw new ValidationException("version", "is required: $LATEST or a published version number");
            }
            boolean routingGiven = request.additionalVersion() != null || request.additionalWeight() != null;
            String extra = routingGiven ? request.additionalVersion() : prev != null ? prev.additionalVersion() : null;
            double weight = routingGiven ? Objects.requireNonNullElse(request.additionalWeight(), 0.0)
                    : prev != null ? prev.additionalWeight() : 0;
            checkRouting(state, version, extra, weight);
            if (FunctionRevision.LATEST.equals(version) && state.provisioned(aliasName).isPresent()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, UNPUBLISHED + " (alias " + aliasName
                        + " has provisioned concurrency; delete it first)");
            }
            String description = request.description() != null ? request.description()
                    : prev != null ? prev.description() : "";
            if (description.length() > 256) {
                throw new ValidationException("description", "must be at most 256 characters, was " + description.length());
            }
            var alias = new Alias(name, aliasName, version, description, extra, extra == null ? 0 : weight,
                    UUID.randomUUID().toString(), clock.instant());
            store.putAlias(alias);
            reload(name);
            publishFloors(name);
            return new SavedAlias(alias, prev == null);
        }
    }

    private static void checkRouting(FunctionState state, String version, String extra, double weight) {
        if (state.version(version).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + state.name() + ":" + version);
        }
        if (Double.isNaN(weight) || weight < 0 || weight > 1) {
            throw new ValidationException("additionalWeight", "must be between 0.0 and 1.0, was " + weight);
        }
        if (extra == null) {
            // routing is replaced as a whole: a weight alone would otherwise clear the split and answer success
            if (weight != 0) {
                throw new ValidationException("additionalVersion", "is required when additionalWeight is above 0, was "
                        + weight + " with no additionalVersion");
            }
            return;
        }
        if (FunctionRevision.LATEST.equals(version)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER,
                    "$LATEST is not supported for an alias pointing to more than 1 version");
        }
        if (!extra.matches("[0-9]{1,18}")) {
            throw new ValidationException("additionalVersion", "must be a published version number, was '"
                    + clip(extra) + "'");
        }
        if (extra.equals(version)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid function version " + extra
                    + ". Function version " + extra + " is already included in routing configuration.");
        }
        if (state.version(extra).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + state.name() + ":" + extra);
        }
    }

    public void deleteAlias(String name, String aliasName) {
        synchronized (lock(name)) {
            get(name);
            if (!store.deleteAlias(name, aliasName)) {
                throw aliasNotFound(name, aliasName);
            }
            reload(name);
            publishFloors(name);
        }
    }

    /** Reserves (and caps) concurrency for all versions together; null removes the reservation. */
    public void setReservedConcurrency(String name, Integer reserved) {
        if (reserved != null && (reserved < 0 || reserved > 1000)) {
            throw new ValidationException("reservedConcurrency", "must be between 0 and 1000, was " + reserved);
        }
        synchronized (lock(name)) {
            int provisioned = get(name).provisioned().stream().mapToInt(ProvisionedConcurrency::requested).sum();
            if (reserved != null && reserved < provisioned) {
                throw new ApiException(ErrorCode.CONFLICT, "Reserved concurrency (" + reserved + ") cannot be lower "
                        + "than the provisioned concurrency of " + name + " (" + provisioned + " in all)");
            }
            store.setReservedConcurrency(name, reserved);
            reload(name);
            listener.reservedConcurrencyChanged(name, reserved);
        }
    }

    /**
     * Creates ({@code create}) or updates the URL of a function or alias.
     *
     * @param qualifier  alias name or null
     * @param authType   {@code NONE} or {@code AWS_IAM}; null keeps the current one on update
     * @param cors       CORS settings as JSON text; null keeps the current ones on update
     * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}; null keeps the current one (BUFFERED when new)
     */
    public FunctionUrl putUrl(String name, String qualifier, String authType, String cors, String invokeMode,
                              boolean create) {
        synchronized (lock(name)) {
            FunctionState state = get(name);
            if (qualifier != null && state.alias(qualifier).isEmpty()) {
                throw aliasNotFound(name, qualifier);
            }
            Optional<FunctionUrl> existing = state.url(qualifier);
            if (create && existing.isPresent()) {
                throw new ApiException(ErrorCode.CONFLICT, "Failed to create function url config for [functionArn = "
                        + name + (qualifier == null ? "" : ":" + qualifier)
                        + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            if (!create && existing.isEmpty()) {
                throw new ApiException(ErrorCode.NOT_FOUND, "The resource you requested does not exist.");
            }
            FunctionUrl prev = existing.orElse(null);
            String auth = authType != null ? authType : prev != null ? prev.authType() : null;
            if (!"NONE".equals(auth) && !"AWS_IAM".equals(auth)) {
                throw new ValidationException("authType", "must be NONE or AWS_IAM, was '" + clip(auth) + "'");
            }
            String mode = invokeMode != null ? invokeMode : prev != null ? prev.invokeMode() : "BUFFERED";
            if (!"BUFFERED".equals(mode) && !"RESPONSE_STREAM".equals(mode)) {
                throw new ValidationException("invokeMode", "must be BUFFERED or RESPONSE_STREAM, was '" + clip(mode) + "'");
            }
            var now = clock.instant();
            var url = new FunctionUrl(name, qualifier,
                    prev != null ? prev.urlId() : UUID.randomUUID().toString().replace("-", ""), auth,
                    cors != null ? cors : prev != null ? prev.cors() : null, mode,
                    prev != null ? prev.createdAt() : now, now);
            store.putUrl(url);
            reload(name);
            return url;
        }
    }

    public void deleteUrl(String name, String qualifier) {
        synchronized (lock(name)) {
            get(name);
            if (!store.deleteUrl(name, qualifier)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "The resource you requested does not exist.");
            }
            reload(name);
        }
    }

    /** A Lambda message: provisioned concurrency needs a published version or an alias of one. */
    public static final String UNPUBLISHED = "Provisioned Concurrency Configs cannot be applied to unpublished "
            + "function versions.";

    /**
     * Creates or replaces the provisioned concurrency of a published version or an alias:
     * {@code instances} kept started and initialised. Refused on {@code $LATEST}, beyond the
     * concurrency of the version it names (an alias: its primary version), and beyond the
     * function's reserved concurrency, if any, together with its other configurations.
     */
    public ProvisionedConcurrency putProvisioned(String name, String qualifier, int instances) {
        synchronized (lock(name)) {
            FunctionState state = get(name);
            FunctionRevision target = provisionedTarget(state, qualifier);
            int ceiling = target.config().concurrency();
            if (instances < 1 || instances > ceiling) {
                throw new ValidationException("instances", "must be between 1 and " + ceiling
                        + " (the concurrency of " + name + ":" + target.version() + "), was " + instances);
            }
            int others = state.provisioned().stream().filter(p -> !p.qualifier().equals(qualifier))
                    .mapToInt(ProvisionedConcurrency::requested).sum();
            Integer reserved = state.reservedConcurrency();
            if (reserved != null && others + instances > reserved) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "Requested provisioned concurrency of " + name
                        + " (" + instances + " for " + qualifier + ", " + (others + instances) + " in all) should not "
                        + "be greater than its reserved concurrency (" + reserved + ")");
            }
            var config = new ProvisionedConcurrency(name, qualifier, instances, clock.instant());
            store.putProvisioned(config);
            reload(name);
            publishFloors(name);
            return config;
        }
    }

    /** The published version a provisioned configuration may name; refused for {@code $LATEST} or an alias of it. */
    private static FunctionRevision provisionedTarget(FunctionState state, String qualifier) {
        if (qualifier == null || qualifier.isEmpty() || FunctionRevision.LATEST.equals(qualifier)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, UNPUBLISHED);
        }
        Optional<Alias> alias = state.alias(qualifier);
        String version = alias.map(Alias::version).orElse(qualifier);
        if (FunctionRevision.LATEST.equals(version)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, UNPUBLISHED + " (alias " + qualifier + " points to $LATEST)");
        }
        return state.version(version).orElseThrow(() -> versionNotFound(state.name(), clip(qualifier)));
    }

    /** A provisioned configuration with its allocation, or 404. */
    public ProvisionedStatus provisioned(String name, String qualifier) {
        FunctionState state = get(name);
        return state.provisioned(qualifier).map(p -> ProvisionedStatus.of(state, p, pool.warm()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, PROVISIONED_NOT_FOUND));
    }

    /** Every provisioned configuration of a function, ordered by qualifier. */
    public List<ProvisionedStatus> listProvisioned(String name) {
        FunctionState state = get(name);
        return state.provisioned().stream().map(p -> ProvisionedStatus.of(state, p, pool.warm())).toList();
    }

    /** A Lambda message: the qualifier has no provisioned concurrency. */
    public static final String PROVISIONED_NOT_FOUND = "No Provisioned Concurrency Config found for this function";

    public void deleteProvisioned(String name, String qualifier) {
        synchronized (lock(name)) {
            get(name);
            if (!store.deleteProvisioned(name, qualifier)) {
                throw new ApiException(ErrorCode.NOT_FOUND, PROVISIONED_NOT_FOUND);
            }
            reload(name);
            publishFloors(name);
        }
    }

    /** Tells the listener the function's floors if they changed (none once it is gone). Call under its lock. */
    private void publishFloors(String name) {
        Map<String, Integer> now = state(name).map(ProvisionedFloors::of).orElse(Map.of());
        Map<String, Integer> before = now.isEmpty() ? floors.remove(name) : floors.put(name, now);
        if (!now.equals(before == null ? Map.of() : before)) {
            listener.provisionedFloorsChanged(name, now);
        }
    }

    private void reload(String name) {
        Optional<FunctionState> state = store.state(name);
        state.ifPresentOrElse(s -> states.put(name, s), () -> states.remove(name));
        List<FunctionUrl> urls = state.map(FunctionState::urls).orElse(List.of());
        urls.forEach(u -> urlsById.put(u.urlId(), u)); // add first: a URL being updated never answers 403 meanwhile
        urlsById.values().removeIf(u -> u.function().equals(name) && !urls.contains(u));
    }

    private Object lock(String name) {
        return locks[Math.floorMod(name.hashCode(), locks.length)];
    }

    private static void checkRevisionId(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED, "The Revision Id provided does not match the latest "
                    + "Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    public static ApiException versionNotFound(String name, String version) {
        return new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + name + ":" + version);
    }

    public static ApiException aliasNotFound(String name, String alias) {
        return new ApiException(ErrorCode.NOT_FOUND, "Cannot find alias: " + name + ":" + clip(alias));
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
