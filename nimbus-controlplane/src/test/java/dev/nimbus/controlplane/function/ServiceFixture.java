package dev.nimbus.controlplane.function;

import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.logs.FunctionLogs;
import dev.nimbus.core.logs.LogRecord;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.store.code.CodeStores;
import dev.nimbus.store.sql.SqlStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A {@link FunctionService} over the real SQLite and code stores in a temporary directory, with a
 * manual clock, scripted alias draws and a listener and logs that record what they were told.
 */
final class ServiceFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    /** The secrets that exist. */
    static final java.util.Set<String> SECRETS = java.util.Set.of("db-password");

    final Path dataDir;
    final SqlStore sql;
    final CodeStore code;
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> gateCalls = new CopyOnWriteArrayList<>();
    final List<String> deletedLogs = new CopyOnWriteArrayList<>();
    /** What the rollout gate answers next; every call is recorded in {@link #gateCalls}. */
    volatile GateResult gateAnswer = GateResult.ADMITTED;
    volatile FunctionRevision lastCandidate;
    /** Initialised instances per {@code name:version}, as the pool would count them. */
    final Map<String, Integer> warm = new java.util.concurrent.ConcurrentHashMap<>();
    /** Draws the service may take, in order; taking one more than scripted fails the test. */
    final Deque<Double> draws = new ArrayDeque<>();
    /** Who owns each function and secret, and the namespaces' quotas; one namespace without quotas unless a test says otherwise. */
    volatile Tenancy tenancy = Tenancy.SINGLE;
    private Instant now = T0;
    final InstantSource clock = () -> now;

    ServiceFixture(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.sql = SqlStore.sqlite(dataDir);
        this.code = CodeStores.onDisk(dataDir);
    }

    /** A new service on the same store, as after a restart; its events land in {@link #events} too. */
    FunctionService service() {
        RolloutGate gate = (candidate, previous) -> {
            lastCandidate = candidate;
            gateCalls.add(candidate.key() + (previous == null ? " (new)" : " over #" + previous.revision()));
            return gateAnswer;
        };
        WarmCapacity counts = (name, version) -> warm.getOrDefault(name + ":" + version, 0);
        return new FunctionService(sql.functions(), code, listener(), logs(), SECRETS::contains, tenancy, new PoolHooks(gate, counts), clock, () -> {
            if (draws.isEmpty()) {
                throw new AssertionError("the service drew a random number nobody scripted");
            }
            return draws.removeFirst();
        });
    }

    void advance(long seconds) {
        now = now.plusSeconds(seconds);
    }

    Instant now() {
        return now;
    }

    /** Stores a one-file zip and returns its sha256; different {@code source} gives different code. */
    String upload(String source) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return code.put(new ByteArrayInputStream(bytes.toByteArray())).sha256();
    }

    /** A python3 deploy of {@code sha} that states nothing else. */
    static DeployRequest python(String sha) {
        return new DeployRequest("python3", "app.handler", null, null, null, null, null, sha, null, null, null, null, null, null);
    }

    /** A deploy that changes only the description (so it creates a new revision with the same code). */
    static DeployRequest describe(String description) {
        return new DeployRequest(null, null, null, null, null, description, null, null, null, null, null, null, null, null);
    }

    static AliasRequest alias(String version) {
        return new AliasRequest(version, null, null, null, null);
    }

    static AliasRequest split(String version, String additional, double weight) {
        return new AliasRequest(version, null, additional, weight, null);
    }

    private FunctionListener listener() {
        return new FunctionListener() {
            @Override
            public void revisionActivated(FunctionRevision revision) {
                events.add("activated " + revision.key());
            }

            @Override
            public void versionDeleted(String name, String version) {
                events.add("version deleted " + name + ":" + version);
            }

            @Override
            public void functionDeleted(String name) {
                events.add("function deleted " + name);
            }

            @Override
            public void reservedConcurrencyChanged(String name, Integer reserved) {
                events.add("reserved " + name + " " + reserved);
            }

            @Override
            public void provisionedFloorsChanged(String name, Map<String, Integer> floorPerVersion) {
                events.add("floors " + name + " " + new TreeMap<>(floorPerVersion));
            }
        };
    }

    private FunctionLogs logs() {
        return new FunctionLogs() {
            @Override
            public void append(LogRecord record) {
            }

            @Override
            public List<LogRecord> tail(String function, int limit) {
                return List.of();
            }

            @Override
            public AutoCloseable follow(String function, Consumer<LogRecord> listener) {
                return () -> { };
            }

            @Override
            public void delete(String function) {
                deletedLogs.add(function);
            }
        };
    }

    @Override
    public void close() {
        sql.close();
    }
}
