package dev.nimbus.controlplane.function;

import dev.nimbus.core.api.Messages;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.function.ValidationException;
import dev.nimbus.core.logs.FunctionLogs;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys, reads and deletes functions. Every deploy creates a new immutable revision that serves
 * new invocations at once; the listener lets instances of older revisions drain.
 *
 * <p>Threading: called from request threads. The store makes revision numbering atomic; the catalog
 * map keeps, per function, the highest revision seen, so racing deploys settle on the newest.
 */
public final class FunctionService implements FunctionCatalog {
    private final FunctionStore store;
    private final CodeStore code;
    private final FunctionListener listener;
    private final FunctionLogs logs;
    private final InstantSource clock;
    private final Map<String, FunctionRevision> latest = new ConcurrentHashMap<>();

    public FunctionService(FunctionStore store, CodeStore code, FunctionListener listener, FunctionLogs logs,
                           InstantSource clock) {
        this.store = store;
        this.code = code;
        this.listener = listener;
        this.logs = logs;
        this.clock = clock;
        store.listLatest().forEach(r -> latest.put(r.name(), r));
    }

    @Override
    public Optional<FunctionRevision> find(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    public List<FunctionRevision> list() {
        return latest.values().stream().sorted(Comparator.comparing(FunctionRevision::name)).toList();
    }

    /** Creates revision 1 of a new function, or the next revision of an existing one. */
    public FunctionRevision deploy(String name, DeployRequest request) {
        FunctionName.require(name);
        FunctionRevision previous = latest.get(name);
        String sha = request.codeSha256() != null ? request.codeSha256() : previous == null ? null : previous.codeSha256();
        if (sha == null) {
            throw new ValidationException("codeSha256", "is required for a new function (upload the zip with POST /api/v1/code)");
        }
        if (!sha.matches("[0-9a-f]{64}")) {
            throw Messages.codeNotFound(sha);
        }
        CodeStore.StoredCode stored = code.find(sha).orElseThrow(() -> Messages.codeNotFound(sha));
        FunctionConfig config = merge(request, previous == null ? null : previous.config());
        FunctionRevision revision = store.createRevision(name, config, sha, stored.size(), clock.instant());
        latest.merge(name, revision, (a, b) -> a.revision() >= b.revision() ? a : b);
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
                r.concurrency() != null ? r.concurrency() : prev != null ? prev.concurrency() : FunctionConfig.DEFAULT_CONCURRENCY);
    }

    /** Deletes a function; its instances finish in-flight work, then stop. */
    public void delete(String name) {
        if (!store.delete(name)) {
            throw Messages.functionNotFound(name);
        }
        latest.remove(name);
        listener.functionDeleted(name);
        logs.delete(name);
    }

    public FunctionRevision get(String name) {
        return find(name).orElseThrow(() -> Messages.functionNotFound(name));
    }
}
