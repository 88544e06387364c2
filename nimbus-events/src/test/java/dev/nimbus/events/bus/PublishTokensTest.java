package dev.nimbus.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishTokensTest {
    @TempDir
    Path dir;

    @Test
    void aTokenNamesItsFunctionAndSurvivesReloadingTheKey() throws Exception {
        Path key = dir.resolve("events.key");
        PublishTokens tokens = PublishTokens.load(key);
        String token = tokens.token("orders");

        assertThat(tokens.verify(token)).contains("orders");
        assertThat(PublishTokens.load(key).verify(token)).as("same key after a restart").contains("orders");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void forgedOrMalformedTokensAreRefused() throws Exception {
        PublishTokens tokens = PublishTokens.load(dir.resolve("events.key"));
        String orders = tokens.token("orders");

        assertThat(tokens.verify("billing" + orders.substring(orders.indexOf('.')))).as("another function's name").isEmpty();
        assertThat(tokens.verify(orders + "x")).isEmpty();
        assertThat(tokens.verify("orders")).isEmpty();
        assertThat(tokens.verify(".abc")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(PublishTokens.load(dir.resolve("other.key")).verify(orders)).as("another server's key").isEmpty();
    }

    @Test
    void aTruncatedKeyFileIsRefused() throws Exception {
        Path key = dir.resolve("short.key");
        Files.write(key, new byte[4]);

        assertThatThrownBy(() -> PublishTokens.load(key)).hasMessageContaining("too short");
    }
}
