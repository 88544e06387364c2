package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.access.ApiKey;
import dev.nimbus.core.access.KeyStore.Deletion;
import dev.nimbus.core.access.Role;
import dev.nimbus.core.secret.SecretStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys on a real SQLite file. */
class SqlKeyStoreTest {
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
    void keysAreListedOldestFirstWithTheirHashAndSealedSecret() {
        store.keys().insert(key("NKBBBBBBBBBBBBBBBBBB", Role.INVOKER, T0.plusSeconds(1)));
        store.keys().insert(key("NKAAAAAAAAAAAAAAAAAA", Role.ADMIN, T0));

        var keys = store.keys().list();

        assertThat(keys).extracting(ApiKey::id).containsExactly("NKAAAAAAAAAAAAAAAAAA", "NKBBBBBBBBBBBBBBBBBB");
        assertThat(keys.get(1).role()).isEqualTo(Role.INVOKER);
        assertThat(keys.get(1).name()).isEqualTo("ci");
        assertThat(keys.get(1).secretSha256()).isEqualTo("ab".repeat(32));
        assertThat(keys.get(1).sealed().ciphertext()).containsExactly(4, 5, 6);
        assertThat(keys.get(1).createdAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theLastAdminKeyIsNeverDeleted() {
        store.keys().insert(key("NKAAAAAAAAAAAAAAAAAA", Role.ADMIN, T0));
        store.keys().insert(key("NKBBBBBBBBBBBBBBBBBB", Role.ADMIN, T0));
        store.keys().insert(key("NKCCCCCCCCCCCCCCCCCC", Role.READ_ONLY, T0));

        assertThat(store.keys().delete("NKAAAAAAAAAAAAAAAAAA")).isEqualTo(Deletion.DELETED);
        assertThat(store.keys().delete("NKBBBBBBBBBBBBBBBBBB")).isEqualTo(Deletion.LAST_ADMIN);
        assertThat(store.keys().delete("NKCCCCCCCCCCCCCCCCCC")).isEqualTo(Deletion.DELETED);
        assertThat(store.keys().delete("NKCCCCCCCCCCCCCCCCCC")).isEqualTo(Deletion.NOT_FOUND);
        assertThat(store.keys().list()).extracting(ApiKey::id).containsExactly("NKBBBBBBBBBBBBBBBBBB");
    }

    @Test
    void anAdminKeyOfAnotherNamespaceDoesNotCountAsTheInstallationsLast() {
        store.keys().insert(key("NKAAAAAAAAAAAAAAAAAA", Role.ADMIN, T0));
        store.keys().insert(key("NKBBBBBBBBBBBBBBBBBB", Role.ADMIN, "team-a", T0));

        assertThat(store.keys().delete("NKAAAAAAAAAAAAAAAAAA")).isEqualTo(Deletion.LAST_ADMIN);
        assertThat(store.keys().delete("NKBBBBBBBBBBBBBBBBBB")).isEqualTo(Deletion.DELETED);
    }

    @Test
    void aKeyKeepsItsNamespace() {
        store.keys().insert(key("NKAAAAAAAAAAAAAAAAAA", Role.DEPLOYER, "team-a", T0));

        assertThat(store.keys().list()).extracting(ApiKey::namespace).containsExactly("team-a");
    }

    private static ApiKey key(String id, Role role, Instant at) {
        return key(id, role, "default", at);
    }

    private static ApiKey key(String id, Role role, String namespace, Instant at) {
        return new ApiKey(id, "ci", role, namespace, "ab".repeat(32), new SecretStore.Sealed(new byte[] {1, 2, 3},
                new byte[] {4, 5, 6}), at);
    }
}
