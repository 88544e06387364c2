package dev.nimbus.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnerTest {
    @TempDir
    Path dir;

    @Test
    void anInstanceWithANetworkOfItsOwnSeesOnlyItsSocketDirectoryAndWaitsForTheRelayOnlyWhenItSpeaksTcp() {
        var spawner = new Spawner(true, null, null, List.of(), null, dir, () -> 4321, List.of(), false, "nimbus-test-secrets");
        var network = InstanceNetwork.isolated(dir.resolve("abc"), List.of());
        assertThat(network.endpoints(null)).isEqualTo(new Endpoints("127.0.0.1:9001", "/run/nimbus/api.sock",
                "http://127.0.0.1:9002"));
        assertThat(network.runtimeApiSocket()).isEqualTo(dir.resolve("abc/api.sock"));

        List<String> provided = spawner.command(new LaunchSpec(List.of("/code/bootstrap"), dir, Map.of(), 128, List.of(),
                false, Map.of(), false), null, network, null, null);
        assertThat(provided).containsSubsequence("--unshare-net", "--perms", "0755", "--dir", "/run", "--ro-bind",
                        dir.resolve("abc").toString(), "/run/nimbus")
                .containsSubsequence("--", "/bin/sh", "-c")
                .endsWith("sh", "1", "0", "/code/bootstrap");
        assertThat(provided.get(provided.size() - 5)).as("relays, then the wait for the Runtime API's port (9001 = 0x2329)")
                .contains("TCP-LISTEN:${r%%:*},bind=127.0.0.1").contains("0100007F:2329 0A");

        List<String> own = spawner.command(new LaunchSpec(List.of("/usr/bin/python3", "b.py"), dir, Map.of(), 128,
                List.of(), true, Map.of(), false), null, network, null, null);
        assertThat(own).endsWith("sh", "0", "0", "/usr/bin/python3", "b.py");
    }

    @Test
    void anInstanceOnTheHostsNetworkIsToldLoopbackAddresses() throws Exception {
        var spawner = new Spawner(true, null, null, List.of(), null, null, () -> 4321, List.of(), false, "nimbus-test-secrets");
        try (var network = spawner.network()) {
            assertThat(network.runtimeApiSocket()).as("a loopback port instead").isNull();
            assertThat(network.endpoints(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 1234)))
                    .isEqualTo(new Endpoints("127.0.0.1:1234", null, "http://127.0.0.1:4321"));
            assertThat(spawner.command(new LaunchSpec(List.of("/x"), dir, Map.of(), 128, List.of(), true, Map.of(), false), null, network, null, null))
                    .doesNotContain("--unshare-net").endsWith("--", "/x");
        }
    }

    @Test
    void theServicesRelayCarriesBothDirectionsAndTheSocketDirectoryGoesWithTheInstance() throws Exception {
        try (var echo = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception ignored) {
                    // the test fails on what it reads
                }
            });
            var spawner = new Spawner(true, null, null, List.of(), null, dir, echo::getLocalPort, List.of(), false, "nimbus-test-secrets");
            var network = spawner.network();
            Path instanceDir = network.dir();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instanceDir))).isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instanceDir.resolve("services.sock"))))
                    .as("the instance's user may connect").isEqualTo("rw-rw-rw-");

            try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(instanceDir.resolve("services.sock")))) {
                channel.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
                channel.shutdownOutput();
                var answer = ByteBuffer.allocate(16);
                while (channel.read(answer) >= 0) {
                    // until the echo side closes
                }
                assertThat(new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8)).isEqualTo("ping");
            }
            network.close();
            assertThat(instanceDir).doesNotExist();
            spawner.close();
            assertThat(dir).as("spare networks go with the spawner").doesNotExist();
        }
    }

    @Test
    void aSandboxSwitchesToItsUserBeforeAnythingOfTheFunctionRunsKeepingOnlyTheCapabilitiesToDoSo() {
        var setpriv = List.of("/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "--");
        var spawner = new Spawner(true, null, null, List.of(), null, dir, () -> 4321, setpriv, false, "nimbus-test-secrets");
        assertThat(spawner.user()).contains("65534:65534");

        List<String> command = spawner.command(new LaunchSpec(List.of("/code/bootstrap"), dir, Map.of(), 128,
                List.of(dir.resolve("code")), false, Map.of(), false), null, InstanceNetwork.isolated(dir.resolve("abc"), List.of()), null, null);

        assertThat(command).containsSubsequence("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID")
                .as("mount points' parents reachable by the instance's user").containsSubsequence("--perms", "0755",
                        "--dir", dir.toString(), "--ro-bind", dir.resolve("code").toString(), dir.resolve("code").toString())
                .containsSubsequence("--", "/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                        "--", "/bin/sh", "-c");
        assertThat(new Spawner(true, null, null, List.of(), null, dir, () -> 4321, List.of(), false, "nimbus-test-secrets").user()).isEmpty();
    }

    @Test
    void secretFilesAreReadableOnlyByTheInstancesUserAndGoWithTheInstance() throws Exception {
        Path root = Files.createDirectory(dir.resolve("secrets"));
        var files = SecretFiles.write(root, Map.of("db-password", "s3cr3t"), -1, -1);

        Path file = files.dir().resolve("db-password");
        assertThat(Files.readString(file)).isEqualTo("s3cr3t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir()))).isEqualTo("rwx------");
        var spawner = new Spawner(true, null, null, List.of(), null, null, () -> 1, List.of(), false, "nimbus-test-secrets");
        assertThat(spawner.command(new LaunchSpec(List.of("/x"), dir, Map.of(), 128, List.of(), true,
                Map.of("db-password", "s3cr3t"), false), null, InstanceNetwork.shared(() -> 1), files, null)).containsSubsequence("--perms", "0755", "--dir", "/run", "--ro-bind",
                files.dir().toString(), "/run/secrets").noneMatch(arg -> arg.contains("s3cr3t"));

        files.close();
        assertThat(files.dir()).doesNotExist();
    }
}
