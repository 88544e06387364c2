package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.tenancy.Claim;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespaces and claims on a real SQLite file. */
class SqlNamespaceStoreTest {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dataDir;
    private SqlStore store;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPutCreatesThenReplacesTheQuotasKeepingTheCreationTime() {
        assertThat(store.namespaces().put(new Namespace("team-a", 10, null, 1_000L, T0))).isTrue();
        assertThat(store.namespaces().put(new Namespace("team-a", null, 3, null, T0.plusSeconds(60)))).isFalse();

        assertThat(store.namespaces().list()).containsExactly(new Namespace("team-a", null, 3, null, T0));
    }

    @Test
    void theFirstClaimWinsAndLaterOnesLearnTheOwner() {
        assertThat(store.namespaces().claim(ResourceKind.FUNCTION, "orders", "team-a")).isEqualTo("team-a");
        assertThat(store.namespaces().claim(ResourceKind.FUNCTION, "orders", "team-b")).isEqualTo("team-a");
        assertThat(store.namespaces().claim(ResourceKind.TOPIC, "orders", "team-b")).isEqualTo("team-b");

        assertThat(store.namespaces().claims()).containsExactlyInAnyOrder(
                new Claim(ResourceKind.FUNCTION, "orders", "team-a"), new Claim(ResourceKind.TOPIC, "orders", "team-b"));
    }

    @Test
    void deletingANamespaceReleasesItsClaims() {
        store.namespaces().put(new Namespace("team-a", null, null, null, T0));
        store.namespaces().claim(ResourceKind.BUCKET, "photos", "team-a");

        assertThat(store.namespaces().delete("team-a")).isTrue();
        assertThat(store.namespaces().delete("team-a")).isFalse();

        assertThat(store.namespaces().list()).isEmpty();
        assertThat(store.namespaces().claim(ResourceKind.BUCKET, "photos", "team-b")).isEqualTo("team-b");
    }
}
