package dev.nimbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which API key the CLI sends, and that the local key file never goes to another host. */
class CredentialsTest {
    static final URI LOCAL = URI.create("http://127.0.0.1:8080");

    @TempDir
    Path dataDir;

    @Test
    void theOptionBeatsTheVariableWhichBeatsTheLocalFile() throws Exception {
        Files.writeString(dataDir.resolve("admin.key"), "from-file\n");
        var env = Map.of("NIMBUS_API_KEY", "from-env", "NIMBUS_DATA_DIR", dataDir.toString());

        assertThat(Credentials.apiKey("from-option", env::get, LOCAL)).isEqualTo("from-option");
        assertThat(Credentials.apiKey(null, env::get, LOCAL)).isEqualTo("from-env");
        assertThat(Credentials.apiKey(null, Map.of("NIMBUS_DATA_DIR", dataDir.toString())::get, LOCAL))
                .isEqualTo("from-file");
        assertThat(Credentials.apiKey(null, Map.of("NIMBUS_DATA_DIR", dataDir.toString())::get,
                URI.create("http://localhost:9000"))).isEqualTo("from-file");
    }

    @Test
    void theLocalFileIsReadForAServerOnThisMachineOnly() throws Exception {
        Files.writeString(dataDir.resolve("admin.key"), "from-file\n");
        var env = Map.of("NIMBUS_DATA_DIR", dataDir.toString());

        assertThat(Credentials.apiKey(null, env::get, URI.create("https://nimbus.example.com"))).isNull();
        assertThat(Credentials.apiKey(null, Map.of("NIMBUS_DATA_DIR", dataDir.resolve("none").toString())::get, LOCAL))
                .isNull();
    }
}
