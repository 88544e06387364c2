package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.secret.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed secrets on a real SQLite file. */
class SqlSecretStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

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
    void aSecretIsCreatedReplacedListedAndDeleted() {
        var secrets = store.secrets();
        var first = new SecretStore.Sealed(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        var second = new SecretStore.Sealed(new byte[] {7}, new byte[] {8, 9});

        assertThat(secrets.put("db", first, T0)).isTrue();
        assertThat(secrets.put("db", second, T0.plusSeconds(5))).isFalse();

        assertThat(secrets.sealed("db").orElseThrow().ciphertext()).containsExactly(8, 9);
        assertThat(secrets.get("db").orElseThrow().createdAt()).isEqualTo(T0);
        assertThat(secrets.get("db").orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(secrets.list()).extracting(s -> s.name()).containsExactly("db");
        assertThat(secrets.delete("db")).isTrue();
        assertThat(secrets.delete("db")).isFalse();
        assertThat(secrets.sealed("db")).isEmpty();
    }

    @Test
    void theDatabaseHoldsOnlyWhatItIsGiven() throws Exception {
        store.secrets().put("db", new SecretStore.Sealed(new byte[12], "ciphertext-only".getBytes()), T0);
        store.close();

        byte[] file = Files.readAllBytes(dataDir.resolve(SqlStore.SQLITE_FILE));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ciphertext-only")
                .as("kept as base64").contains(java.util.Base64.getEncoder().encodeToString("ciphertext-only".getBytes()));
        store = SqlStore.sqlite(dataDir);
    }
}
