package dev.nimbus.controlplane.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.store.sql.SqlStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespaces and claims over a real SQLite store. */
class NamespacesTest {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T10:00:00Z"));

    @TempDir
    Path dir;
    private SqlStore store;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theDefaultNamespaceExistsFromTheFirstStart() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);

        assertThat(namespaces.list()).extracting(Namespace::name).containsExactly("default");
        assertThat(Namespaces.load(store.namespaces(), CLOCK).list()).hasSize(1);
    }

    @Test
    void aNameBelongsToTheFirstNamespaceThatClaimsItAlsoAfterARestart() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);
        namespaces.put("team-a", null, null, null);
        namespaces.put("team-b", null, null, null);

        assertThat(namespaces.claim(ResourceKind.FUNCTION, "orders", "team-a")).isEqualTo("team-a");
        assertThat(namespaces.claim(ResourceKind.FUNCTION, "orders", "team-b")).isEqualTo("team-a");

        var reloaded = Namespaces.load(store.namespaces(), CLOCK);
        assertThat(reloaded.owner(ResourceKind.FUNCTION, "orders")).contains("team-a");
        assertThat(reloaded.owns("team-a", ResourceKind.FUNCTION, "orders")).isTrue();
        assertThat(reloaded.owns("team-b", ResourceKind.FUNCTION, "orders")).isFalse();
        assertThat(reloaded.owns("default", ResourceKind.TOPIC, "orders")).as("unclaimed counts as the default's").isTrue();
    }

    @Test
    void aClaimForANamespaceThatDoesNotExistIsRefused() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);

        assertThatThrownBy(() -> namespaces.claim(ResourceKind.TOPIC, "news", "ghost")).isInstanceOf(ApiException.class);
        assertThat(namespaces.owner(ResourceKind.TOPIC, "news")).isEmpty();
    }

    @Test
    void adoptionClaimsOnlyWhatNobodyHas() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);
        namespaces.put("team-a", null, null, null);
        namespaces.claim(ResourceKind.BUCKET, "photos", "team-a");

        namespaces.adopt(ResourceKind.BUCKET, List.of("photos", "logs"));

        assertThat(namespaces.owner(ResourceKind.BUCKET, "photos")).contains("team-a");
        assertThat(namespaces.owner(ResourceKind.BUCKET, "logs")).contains("default");
    }

    @Test
    void aNamespaceIsDeletedOnlyWhenNoneOfItsResourcesExistsAndItsNamesAreFreedWithIt() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);
        namespaces.put("team-a", 1, 2, 3L);
        namespaces.claim(ResourceKind.FUNCTION, "orders", "team-a");
        namespaces.claim(ResourceKind.SECRET, "token", "team-a");
        Set<String> existing = new java.util.HashSet<>(Set.of("orders"));

        assertThat(namespaces.delete("team-a", c -> existing.contains(c.name()))).isEqualTo(Namespaces.Deletion.IN_USE);
        existing.clear();
        assertThat(namespaces.delete("team-a", c -> existing.contains(c.name()))).isEqualTo(Namespaces.Deletion.DELETED);

        assertThat(namespaces.namespace("team-a")).isEmpty();
        assertThat(namespaces.owner(ResourceKind.FUNCTION, "orders")).isEmpty();
        assertThat(namespaces.delete("team-a", c -> false)).isEqualTo(Namespaces.Deletion.NOT_FOUND);
        assertThat(namespaces.delete("default", c -> false)).isEqualTo(Namespaces.Deletion.DEFAULT);
        assertThat(Namespaces.load(store.namespaces(), CLOCK).owner(ResourceKind.SECRET, "token")).isEmpty();
    }

    @Test
    void aPutReplacesTheQuotasAndKeepsTheCreationTime() {
        var namespaces = Namespaces.load(store.namespaces(), CLOCK);

        assertThat(namespaces.put("team-a", 5, null, 1000L)).isTrue();
        assertThat(namespaces.put("team-a", null, 3, null)).isFalse();

        assertThat(Namespaces.load(store.namespaces(), CLOCK).namespace("team-a"))
                .contains(new Namespace("team-a", null, 3, null, CLOCK.instant()));
    }
}
