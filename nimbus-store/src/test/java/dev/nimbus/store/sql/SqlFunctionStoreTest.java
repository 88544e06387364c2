package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.LastUpdate;
import dev.nimbus.core.function.Metric;
import dev.nimbus.core.function.ProvisionedConcurrency;
import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.function.ValidationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFunctionStoreTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path dataDir;
    private SqlStore store;
    private FunctionStore functions;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
        functions = store.functions();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static FunctionConfig config(String handler) {
        return new FunctionConfig(Runtime.PYTHON3, handler, 256, 30, Map.of("STAGE", "prod", "TABLE", "orders"),
                "order intake", 10, "arn:aws:iam::000000000000:role/orders", "python3.12", PayloadFormat.V2, null, false);
    }

    private Optional<FunctionRevision> latest(String name) {
        return functions.state(name).map(FunctionState::latest);
    }

    @Test
    void revisionsCountFromOneAndTheLatestServes() {
        FunctionRevision first = functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        FunctionRevision second = functions.createRevision("orders", config("app.v2"), SHA_B, 200, T0.plusSeconds(1));

        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(latest("orders")).contains(second);
        assertThat(latest("missing")).isEmpty();
    }

    @Test
    void aRevisionRoundTripsEveryField() {
        FunctionConfig config = new FunctionConfig(Runtime.PROVIDED, "my handler", 1024, 900,
                Map.of("QUOTE", "a \"b\" \\ c", "UNICODE", "héllo ✓"), "desc with 'quotes'", 1000, "", "", PayloadFormat.V1, null, true);

        FunctionRevision created = functions.createRevision("f_1-x", config, SHA_A, 52_428_800L, T0);

        assertThat(latest("f_1-x")).contains(created);
        assertThat(created.createdAt()).isEqualTo(T0);
    }

    @Test
    void listLatestGivesOneRevisionPerFunctionOrderedByName() {
        functions.createRevision("zeta", config("app.z"), SHA_A, 1, T0);
        functions.createRevision("alpha", config("app.a1"), SHA_A, 1, T0);
        FunctionRevision alpha2 = functions.createRevision("alpha", config("app.a2"), SHA_B, 2, T0);

        List<FunctionRevision> latest = functions.listStates().stream().map(FunctionState::latest).toList();

        assertThat(latest).extracting(FunctionRevision::key).containsExactly("alpha:$LATEST#2", "zeta:$LATEST#1");
        assertThat(latest.getFirst()).isEqualTo(alpha2);
    }

    @Test
    void concurrentCreatesOfOneFunctionNeverDuplicateOrLoseARevision() throws Exception {
        int threads = 8;
        int perThread = 15;
        var start = new CountDownLatch(1);
        var revisions = new ConcurrentLinkedQueue<Long>();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        revisions.add(functions.createRevision("hot", config("app.h"), SHA_A, 1, T0).revision());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }

        long total = threads * perThread;
        assertThat(revisions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(latest("hot")).map(FunctionRevision::revision).contains(total);
        assertThat(revisionRows("hot")).isEqualTo(total);
    }

    @Test
    void functionsSurviveCloseAndReopen() {
        FunctionRevision created = functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        store.close();

        store = SqlStore.sqlite(dataDir);
        functions = store.functions();

        assertThat(latest("orders")).contains(created);
        assertThat(functions.createRevision("orders", config("app.v2"), SHA_A, 1, T0).revision()).isEqualTo(2);
    }

    @Test
    void deleteRemovesTheFunctionAndItsRevisions() throws SQLException {
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        functions.createRevision("orders", config("app.v2"), SHA_A, 100, T0);
        functions.createRevision("other", config("app.v1"), SHA_A, 100, T0);

        assertThat(functions.delete("orders")).isTrue();

        assertThat(latest("orders")).isEmpty();
        assertThat(revisionRows("orders")).isZero();
        assertThat(revisionRows("other")).isEqualTo(1);
        assertThat(functions.delete("orders")).isFalse();
        assertThat(functions.createRevision("orders", config("app.v3"), SHA_A, 1, T0).revision())
                .as("a re-created function starts again at revision 1")
                .isEqualTo(1);
    }

    @Test
    void refusesInvalidInput() {
        assertThatThrownBy(() -> functions.createRevision("../etc", config("app.h"), SHA_A, 1, T0))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> functions.createRevision("ok", config("app.h"), "ABC", 1, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> functions.createRevision("ok", config("app.h"), SHA_A, -1, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(latest("ok")).isEmpty();
        assertThat(latest("bad name")).isEmpty();
        assertThat(functions.delete("bad name")).isFalse();
    }

    @Test
    void sqliteRunsInWalModeWithForeignKeysAndABusyTimeout() throws SQLException {
        var dataSource = ((PooledSqlStore) store).dataSource();
        try (Connection c = dataSource.getConnection()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(c, "synchronous")).isEqualTo("2");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("10000");
        }
        assertThat(dataDir.resolve("nimbus.db")).isRegularFile();
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private long revisionRows(String name) throws SQLException {
        var dataSource = ((PooledSqlStore) store).dataSource();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM function_revisions WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void publishedVersionsFreezeARevisionAndNumbersAreNeverReused() {
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        FunctionRevision one = functions.publish("orders", 1, null, T0.plusSeconds(1));
        functions.createRevision("orders", config("app.v2"), SHA_B, 200, T0.plusSeconds(2));
        FunctionRevision two = functions.publish("orders", 2, "second", T0.plusSeconds(3));

        assertThat(one.version()).isEqualTo("1");
        assertThat(one.config().handler()).isEqualTo("app.v1");
        assertThat(one.config().description()).isEqualTo("order intake");
        assertThat(two.config().description()).isEqualTo("second");
        assertThat(two.codeSha256()).isEqualTo(SHA_B);
        assertThat(one.revisionId()).isNotEqualTo(latest("orders").orElseThrow().revisionId());
        FunctionState state = functions.state("orders").orElseThrow();
        assertThat(state.versions()).containsExactly(one, two);
        assertThat(state.version("2")).contains(two);
        assertThat(state.version("$LATEST")).contains(state.latest());

        assertThat(functions.deleteVersion("orders", "2")).isTrue();
        assertThat(functions.deleteVersion("orders", "2")).isFalse();
        assertThat(functions.deleteVersion("orders", "x")).isFalse();
        assertThat(functions.publish("orders", 2, null, T0).version()).as("numbers are never reused").isEqualTo("3");
    }

    @Test
    void aliasesUrlsAndReservedConcurrencyRoundTripAndGoWithTheFunction() {
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        functions.publish("orders", 1, null, T0);
        var live = new Alias("orders", "live", "1", "prod traffic", "2", 0.25, "rev-1", T0);
        functions.putAlias(live);
        functions.putAlias(new Alias("orders", "beta", "$LATEST", "", null, 0, "rev-2", T0));
        var updated = new Alias("orders", "live", "1", "shifted", null, 0, "rev-3", T0.plusSeconds(5));
        functions.putAlias(updated);
        var url = new FunctionUrl("orders", null, "a".repeat(32), "NONE", "{\"AllowOrigins\":[\"*\"]}", "BUFFERED", T0, T0);
        functions.putUrl(url);
        functions.putUrl(new FunctionUrl("orders", "live", "b".repeat(32), "AWS_IAM", null, "BUFFERED", T0, T0));
        functions.setReservedConcurrency("orders", 0);

        FunctionState state = functions.state("orders").orElseThrow();
        assertThat(state.aliases()).extracting(Alias::name).containsExactly("beta", "live");
        assertThat(state.alias("live")).contains(updated);
        assertThat(state.url(null)).contains(url);
        assertThat(state.url("live")).map(FunctionUrl::authType).contains("AWS_IAM");
        assertThat(state.reservedConcurrency()).isZero();

        functions.setReservedConcurrency("orders", null);
        assertThat(functions.deleteAlias("orders", "beta")).isTrue();
        assertThat(functions.deleteUrl("orders", "live")).isTrue();
        assertThat(functions.deleteUrl("orders", "live")).isFalse();
        state = functions.state("orders").orElseThrow();
        assertThat(state.reservedConcurrency()).isNull();
        assertThat(state.aliases()).extracting(Alias::name).containsExactly("live");
        assertThat(state.urls()).containsExactly(url);

        assertThat(functions.delete("orders")).isTrue();
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        state = functions.state("orders").orElseThrow();
        assertThat(state.versions()).isEmpty();
        assertThat(state.aliases()).isEmpty();
        assertThat(state.urls()).isEmpty();
    }

    @Test
    void scalingRoundTripsPerRevisionAndVersionsKeepTheirs() {
        ScalingSpec rps = ScalingSpec.builder(Metric.RPS).target(25).targetUtilisation(0.5)
                .stableWindow(Duration.ofSeconds(30)).panicWindowPercent(20).panicThreshold(3.0).maxScaleUpRate(4)
                .maxScaleDownRate(1.5).scaleDownDelay(Duration.ofSeconds(90)).scaleToZeroGrace(Duration.ZERO)
                .minInstances(2).initialInstances(3).maxInstances(10).build();
        FunctionRevision first = functions.createRevision("orders", config("app.v1").withScaling(rps), SHA_A, 100, T0);
        functions.publish("orders", 1, null, T0);
        functions.createRevision("orders", config("app.v2"), SHA_A, 100, T0);

        FunctionState state = functions.state("orders").orElseThrow();
        assertThat(first.config().scaling()).isEqualTo(rps);
        assertThat(state.version("1").orElseThrow().config().scaling()).isEqualTo(rps);
        assertThat(state.latest().config().scaling())
                .isEqualTo(ScalingSpec.defaults().toBuilder().maxInstances(10).build());
    }

    @Test
    void aRevisionWrittenBeforeScalingScalesWithTheDefaultsAndABrokenOneIsAnError() throws SQLException {
        functions.createRevision("orders", config("app.v1").withScaling(ScalingSpec.builder(Metric.CPU).build()),
                SHA_A, 100, T0);
        sql("UPDATE function_revisions SET scaling = NULL");
        assertThat(latest("orders").orElseThrow().config().scaling())
                .isEqualTo(ScalingSpec.defaults().toBuilder().maxInstances(10).build());

        sql("UPDATE function_revisions SET scaling = '{\"metric\":\"cpu\",\"target\":7}'");
        assertThatThrownBy(() -> functions.state("orders")).isInstanceOf(StoreException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCandidateRevisionIsStoredOnlyWithTheNextNumber() {
        var candidate = new FunctionRevision("orders", 1, config("app.v1"), SHA_A, 100, T0, "rev-a", "$LATEST");
        assertThat(functions.createRevision(candidate)).isEqualTo(candidate);
        assertThat(latest("orders")).contains(candidate);

        var stale = new FunctionRevision("orders", 1, config("app.v2"), SHA_B, 100, T0, "rev-b", "$LATEST");
        var skipping = new FunctionRevision("orders", 3, config("app.v2"), SHA_B, 100, T0, "rev-c", "$LATEST");
        assertThatThrownBy(() -> functions.createRevision(stale)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another update came first");
        assertThatThrownBy(() -> functions.createRevision(skipping)).isInstanceOf(IllegalStateException.class);
        assertThat(latest("orders")).contains(candidate);

        var next = new FunctionRevision("orders", 2, config("app.v2"), SHA_B, 100, T0.plusSeconds(1), "rev-d", "$LATEST");
        assertThat(functions.createRevision(next).revision()).isEqualTo(2);
        assertThat(functions.createRevision("orders", config("app.v3"), SHA_A, 1, T0).revision()).isEqualTo(3);
    }

    @Test
    void aFailedUpdateIsRecordedUntilTheNextRevisionAndSurvivesAReopen() {
        FunctionRevision first = functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        assertThat(functions.state("orders").orElseThrow().lastUpdate()).isEqualTo(LastUpdate.successful(T0));

        var failure = LastUpdate.failed("Runtime.ExitError", "exit status 1", T0.plusSeconds(5));
        functions.recordFailedUpdate("orders", failure);
        store.close();
        store = SqlStore.sqlite(dataDir);
        functions = store.functions();

        FunctionState state = functions.state("orders").orElseThrow();
        assertThat(state.lastUpdate()).isEqualTo(failure);
        assertThat(state.lastUpdate().reason()).isEqualTo("Runtime.ExitError: exit status 1");
        assertThat(state.latest()).isEqualTo(first);
        assertThatThrownBy(() -> functions.recordFailedUpdate("orders", LastUpdate.successful(T0)))
                .isInstanceOf(IllegalArgumentException.class);

        functions.createRevision(new FunctionRevision("orders", 2, config("app.v2"), SHA_A, 1, T0.plusSeconds(9),
                "rev", "$LATEST"));
        assertThat(functions.state("orders").orElseThrow().lastUpdate())
                .isEqualTo(LastUpdate.successful(T0.plusSeconds(9)));
    }

    @Test
    void provisionedConcurrencyRoundTripsAndGoesWithItsVersionAliasOrFunction() {
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        functions.publish("orders", 1, null, T0);
        functions.publish("orders", 1, null, T0);
        functions.putAlias(new Alias("orders", "live", "1", "", null, 0, "rev-1", T0));
        var onVersion = new ProvisionedConcurrency("orders", "1", 2, T0);
        functions.putProvisioned(onVersion);
        functions.putProvisioned(new ProvisionedConcurrency("orders", "2", 1, T0));
        functions.putProvisioned(new ProvisionedConcurrency("orders", "live", 3, T0));
        var raised = new ProvisionedConcurrency("orders", "live", 4, T0.plusSeconds(1));
        functions.putProvisioned(raised);

        assertThat(functions.state("orders").orElseThrow().provisioned())
                .containsExactly(onVersion, new ProvisionedConcurrency("orders", "2", 1, T0), raised);

        assertThat(functions.deleteProvisioned("orders", "2")).isTrue();
        assertThat(functions.deleteProvisioned("orders", "2")).isFalse();
        assertThat(functions.deleteAlias("orders", "live")).isTrue();
        assertThat(functions.state("orders").orElseThrow().provisioned()).containsExactly(onVersion);
        assertThat(functions.deleteVersion("orders", "1")).isTrue();
        assertThat(functions.state("orders").orElseThrow().provisioned()).isEmpty();

        functions.putProvisioned(new ProvisionedConcurrency("orders", "2", 1, T0));
        functions.delete("orders");
        functions.createRevision("orders", config("app.v1"), SHA_A, 100, T0);
        assertThat(functions.state("orders").orElseThrow().provisioned()).isEmpty();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ((PooledSqlStore) store).dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
