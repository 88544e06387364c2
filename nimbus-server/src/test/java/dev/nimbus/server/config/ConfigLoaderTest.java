package dev.nimbus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final Path EXAMPLE = Path.of("..", "nimbus.example.yaml");

    @Test
    void theShippedExampleConfigEqualsTheDefaults() {
        assertThat(ConfigLoader.readYaml(EXAMPLE)).isEqualTo(ConfigKeys.DEFAULTS);
        assertThat(ConfigLoader.load(EXAMPLE, Map.of(), Map.of())).isEqualTo(ConfigLoader.load(null, Map.of(), Map.of()));
    }

    @Test
    void defaultsAreSensible() {
        var config = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.pool().queueTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pool().maxInstances()).isEqualTo(1000);
        assertThat(config.pool().maxMemoryBytes()).as("0: the machine's memory").isZero();
        assertThat(config.logBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.events()).isEqualTo(new ServerConfig.Events(8, 2, Duration.ofHours(6), Duration.ofSeconds(10),
                Duration.ofMinutes(5)));
    }

    @Test
    void isolationIsBestEffortUnlessRequired() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).isolationRequired()).isFalse();
        assertThat(ConfigLoader.load(null, Map.of("NIMBUS_ISOLATION", "required"), Map.of()).isolationRequired()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("isolation", "strict")))
                .hasMessageContaining("isolation must be best-effort or required");
    }

    @Test
    void instancesRunAsNobodyByDefaultAndNeverAsRoot() {
        var sandbox = ConfigLoader.load(null, Map.of(), Map.of()).sandbox();
        assertThat(sandbox.uid()).isEqualTo(65534);
        assertThat(sandbox.gid()).isEqualTo(65534);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("sandbox.run-as", "1000")).sandbox().gid()).isEqualTo(1000);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("sandbox.run-as", "")).sandbox().uid()).isEqualTo(-1);
        for (String bad : new String[] {"0", "0:100", "100:0", "00", "nobody", "-1", "1:2:3"}) {
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("sandbox.run-as", bad)))
                    .as(bad).hasMessageContaining("sandbox.run-as must be UID or UID:GID");
        }
    }

    @Test
    void objectStorageSettingsAreBoundedAndTheRegionChecked() {
        var storage = ConfigLoader.load(null, Map.of(), Map.of()).storage();
        assertThat(storage).isEqualTo(new ServerConfig.Storage(1L << 30, "us-east-1"));
        assertThat(ConfigLoader.load(null, Map.of("NIMBUS_STORAGE_MAX_OBJECT_SIZE", "5MB"), Map.of()).storage()
                .maxObjectBytes()).isEqualTo(5L * 1024 * 1024);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("storage.max-object-size", "6GB")))
                .hasMessageContaining("storage.max-object-size must be a size");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("storage.region", "EU West")))
                .hasMessageContaining("storage.region must be");
    }

    /** Regression: instances run in their code directory, so a relative data directory broke every runtime path. */
    @Test
    void theDataDirectoryIsAbsolute() {
        var config = ConfigLoader.load(null, Map.of(), Map.of("data-dir", "rel/../data"));
        assertThat(config.dataDir()).isAbsolute().isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheLast(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "port: 9000\nhost: 0.0.0.0\npool:\n  queue-timeout: 2m\n  queue-depth: 5\n");
        var env = Map.of("NIMBUS_PORT", "9001", "NIMBUS_POOL_QUEUE_TIMEOUT", "30s", "UNRELATED", "x");
        var flags = Map.of("port", "9002");

        var config = ConfigLoader.load(file, env, flags);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.pool().queueDepth()).isEqualTo(5);
        assertThat(config.pool().queueTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.port()).isEqualTo(9002);
    }

    @Test
    void badValuesFailWithTheKeyValueAndRange() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("NIMBUS_PORT", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("port must be an integer between 0 and 65535, was '70000'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("pool.queue-timeout", "soon")))
                .hasMessageContaining("pool.queue-timeout must be a duration").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("logs.max-bytes-per-function", "1KB")))
                .hasMessageContaining("logs.max-bytes-per-function must be a size");
    }

    @Test
    void authIsOnByDefaultAndNeverShowsASecret() {
        var defaults = ConfigLoader.load(null, Map.of(), Map.of()).auth();
        assertThat(defaults.on()).as("on by default").isTrue();
        assertThat(defaults.adminKey()).isNull();
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "off")).auth().on()).isFalse();
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "false")).auth().on())
                .as("YAML's unquoted off").isFalse();
        String admin = "NKQ3VJ7TXZL2MBWE5RKA.kJ8mQ2xV9pL4rT7wZ1cF6hN3bY5dG0sA8eU2iO4uK7q";
        var auth = ConfigLoader.load(null, Map.of("NIMBUS_AUTH_ACCESS_KEYS", "AKIDONE:s3cret/x+y, AKIDTWO:other",
                "NIMBUS_AUTH_ADMIN_KEY", admin), Map.of()).auth();

        assertThat(auth.accessKeys()).containsExactlyInAnyOrderEntriesOf(Map.of("AKIDONE", "s3cret/x+y", "AKIDTWO", "other"));
        assertThat(auth.adminKey().text()).isEqualTo(admin);
        assertThat(auth.toString()).contains("AKIDONE", "NKQ3VJ7TXZL2MBWE5RKA").doesNotContain("s3cret", "kJ8mQ2");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.admin-key", "NKQ3VJ7TXZL2MBWE5RKA.short")))
                .hasMessageContaining("auth.admin-key must be an API key").hasMessageNotContaining("short");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.access-keys", "AKIDONE:a,wJalrXUtnFEMI")))
                .hasMessageContaining("ACCESS_KEY_ID:SECRET").hasMessageContaining("entry 2")
                .hasMessageNotContaining("wJalr");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.access-keys", "AKIDONE:a,AKIDONE:b")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "sigv4")))
                .hasMessageContaining("auth.mode must be on or off");
    }

    @Test
    void unknownKeysAreRefusedListingTheKnownOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.yaml");
        Files.writeString(file, "pool:\n  queue: 5m\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessageContaining("unknown configuration key 'pool.queue'").hasMessageContaining("pool.queue-timeout");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigKeys.envName("pool.queue-timeout")).isEqualTo("NIMBUS_POOL_QUEUE_TIMEOUT");
        assertThat(ConfigKeys.envName("data-dir")).isEqualTo("NIMBUS_DATA_DIR");
    }
}
