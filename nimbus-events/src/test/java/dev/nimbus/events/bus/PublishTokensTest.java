package dev.nimbus.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishTokensTest {
    static final java.util.function.Function<String, String> DEFAULT = function -> "default";

    @TempDir
    Path dir;

    @Test
    void aTokenNamesItsFunctionAndSurvivesReloadingTheKey() throws Exception {
        Path key = dir.resolve("events.key");
        PublishTokens tokens = PublishTokens.load(key);
        String token = tokens.token("default", "orders");

        assertThat(tokens.verify(token, DEFAULT)).contains("orders");
        assertThat(PublishTokens.load(key).verify(token, DEFAULT)).as("same key after a restart").contains("orders");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void aTokenIsWorthNothingOnceTheNameBelongsToAnotherNamespace() throws Exception {
        PublishTokens tokens = PublishTokens.load(dir.resolve("events.key"));
        String token = tokens.token("team-a", "orders");

        assertThat(tokens.verify(token, function -> "team-a")).contains("orders");
        assertThat(tokens.verify(token, function -> "team-b")).isEmpty();
        assertThat(tokens.verify(token, DEFAULT)).as("unclaimed again after team-a was deleted").isEmpty();
    }

    @Test
    void forgedOrMalformedTokensAreRefused() throws Exception {
        PublishTokens tokens = PublishTokens.load(dir.resolve("events.key"));
        String orders = tokens.token("default", "orders");

        assertThat(tokens.verify("billing" + orders.substring(orders.indexOf('.')), DEFAULT)).as("another function's name").isEmpty();
        assertThat(tokens.verify(orders + "x", DEFAULT)).isEmpty();
        assertThat(tokens.verify("orders", DEFAULT)).isEmpty();
        assertThat(tokens.verify(".abc", DEFAULT)).isEmpty();
        assertThat(tokens.verify(null, DEFAULT)).isEmpty();
        assertThat(PublishTokens.load(dir.resolve("other.key")).verify(orders, DEFAULT)).as("another server's key").isEmpty();
    }

    @Test
    void aTruncatedKeyFileIsRefused() throws Exception {
        Path key = dir.resolve("short.key");
        Files.write(key, new byte[4]);

        assertThatThrownBy(() -> PublishTokens.load(key)).hasMessageContaining("too short");
    }
}
