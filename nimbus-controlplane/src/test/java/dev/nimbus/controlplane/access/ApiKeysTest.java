package dev.nimbus.controlplane.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.access.KeyToken;
import dev.nimbus.core.access.Role;
import dev.nimbus.core.secret.SecretBox;
import dev.nimbus.store.sql.SqlStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys over a real SQLite store: hashed and sealed there, checked from the cache. */
class ApiKeysTest {
    static final SecretBox BOX = SecretBox.ofBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-27T10:00:00Z"));

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
    void aCreatedKeyAuthenticatesWithItsRoleAndSignsWithItsSecretAlsoAfterARestart() {
        var keys = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK);
        KeyToken token = keys.create("ci", Role.DEPLOYER, "team-a").token();

        var reloaded = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK);

        assertThat(reloaded.authenticate(token.text())).contains(new Caller(token.id(), Role.DEPLOYER, "team-a"));
        assertThat(reloaded.secret(token.id())).isEqualTo(token.secret());
        assertThat(reloaded.signer(token.id())).contains(new Caller(token.id(), Role.DEPLOYER, "team-a"));
        assertThat(store.keys().list().getFirst().secretSha256()).isEqualTo(token.secretSha256())
                .doesNotContain(token.secret());
    }

    @Test
    void aWrongSecretAnUnknownIdOrGarbageAuthenticateNoOne() {
        var keys = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK);
        KeyToken token = keys.create("ci", Role.ADMIN, "default").token();
        String otherSecret = KeyToken.generate(new java.security.SecureRandom()).secret();

        assertThat(keys.authenticate(token.id() + "." + otherSecret)).isEmpty();
        assertThat(keys.authenticate("NKAAAAAAAAAAAAAAAAAA." + token.secret())).isEmpty();
        assertThat(keys.authenticate("garbage")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.secret("NKAAAAAAAAAAAAAAAAAA")).isNull();
    }

    @Test
    void aDeletedKeyStopsWorkingAtOnceAndTheLastAdminStays() {
        var keys = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK);
        KeyToken admin = keys.create("admin", Role.ADMIN, "default").token();
        KeyToken reader = keys.create("dashboards", Role.READ_ONLY, "default").token();

        assertThat(keys.delete(reader.id())).isEqualTo(KeyStore.Deletion.DELETED);
        assertThat(keys.delete(admin.id())).isEqualTo(KeyStore.Deletion.LAST_ADMIN);

        assertThat(keys.authenticate(reader.text())).isEmpty();
        assertThat(keys.secret(reader.id())).isNull();
        assertThat(keys.authenticate(admin.text())).isPresent();
        assertThat(keys.list()).extracting(k -> k.id()).containsExactly(admin.id());
    }

    @Test
    void theFirstAdminKeyIsMadeOnlyWhileThereIsNoKey() {
        var keys = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK);
        KeyToken supplied = KeyToken.generate(new java.security.SecureRandom());

        var first = keys.bootstrap(Optional.of(supplied));
        var second = keys.bootstrap(Optional.empty());

        assertThat(first).map(c -> c.token()).contains(supplied);
        assertThat(first.orElseThrow().key().role()).isEqualTo(Role.ADMIN);
        assertThat(second).isEmpty();
        assertThat(keys.list()).hasSize(1);
    }

    @Test
    void staticAccessKeysSignAsAdminsButAreNoBearerKeys() {
        var keys = ApiKeys.load(store.keys(), BOX, Map.of("AKIDSTATIC", "static-secret"), CLOCK);

        assertThat(keys.secret("AKIDSTATIC")).isEqualTo("static-secret");
        assertThat(keys.signer("AKIDSTATIC")).contains(new Caller("AKIDSTATIC", Role.ADMIN, "default"));
        assertThat(keys.signer("AKIDSTATIC").orElseThrow().administersInstallation()).isTrue();
        assertThat(keys.authenticate("AKIDSTATIC.static-secret")).isEmpty();
    }

    @Test
    void aKeySealedUnderAnotherMasterKeyStillAuthenticatesButCannotSign() {
        KeyToken token = ApiKeys.load(store.keys(), BOX, Map.of(), CLOCK).create("ci", Role.INVOKER, "default").token();
        var otherBox = SecretBox.ofBase64("BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=");

        var keys = ApiKeys.load(store.keys(), otherBox, Map.of(), CLOCK);

        assertThat(keys.authenticate(token.text())).isPresent();
        assertThat(keys.secret(token.id())).isNull();
    }
}
