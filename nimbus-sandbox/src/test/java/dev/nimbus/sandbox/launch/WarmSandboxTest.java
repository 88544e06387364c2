package dev.nimbus.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a cold start in a sandbox started ahead that need no sandbox: orders, relocation, links, pipes. */
class WarmSandboxTest {
    @TempDir
    Path dir;

    @Test
    void ordersRunInAShellWithExactlyTheGivenEnvironmentAndNoValueReadAsSyntax() throws Exception {
        // exported by the shell's builtin: no value is ever an argument another user could read in /proc
        String hostile = "it's \"x\" $HOME `id` $(id) ; exit 7 \\\nsecond line '\"'\"'";
        var spec = new LaunchSpec(List.of("/usr/bin/printenv"), dir, Map.of("A", hostile, "B", "plain"), 128,
                List.of(), true, Map.of(), false);

        var builder = new ProcessBuilder("/bin/sh", "-c", "eval \"$1\"", "sh", WarmSandbox.orders(spec));
        builder.environment().clear(); // as a warm sandbox's shell is started
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process shell = builder.start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor()).isZero();
        assertThat(printed).isEqualTo("A=" + hostile + "\nB=plain\n");
        assertThat(WarmSandbox.orders(spec)).doesNotContain("/usr/bin/env");
    }

    @Test
    void aRelocatedLaunchNamesTheCodeWhereTheSandboxSeesIt() {
        Path code = Path.of("/data/code/unpacked/abc");
        var spec = new LaunchSpec(List.of("/data/code/unpacked/abc/bootstrap", "/data/code/unpacked/abcdef"), code,
                Map.of("LAMBDA_TASK_ROOT", "/data/code/unpacked/abc", "OTHER", "/data/code/unpacked/abcd/x",
                        "PATH", "/usr/bin"), 256, List.of(code), false, Map.of(), false);

        LaunchSpec inside = spec.relocate(code, Path.of("/var/task"));

        assertThat(inside.command()).containsExactly("/var/task/bootstrap", "/data/code/unpacked/abcdef");
        assertThat(inside.workDir()).isEqualTo(Path.of("/var/task"));
        assertThat(inside.environment()).containsEntry("LAMBDA_TASK_ROOT", "/var/task")
                .containsEntry("OTHER", "/data/code/unpacked/abcd/x").containsEntry("PATH", "/usr/bin");
        assertThat(inside.memoryMb()).isEqualTo(256);
    }

    @Test
    void theCodeIsLinkedNotCopiedWithItsDirectoriesModesAndSymbolicLinks() throws Exception {
        Path from = Files.createDirectories(dir.resolve("code/lib"));
        Files.writeString(dir.resolve("code/app.py"), "print(1)");
        Files.writeString(from.resolve("util.py"), "x = 1");
        Files.setPosixFilePermissions(dir.resolve("code/app.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(from, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("code/link"), Path.of("lib/util.py"));
        Path to = Files.createDirectory(dir.resolve("task"));

        WarmSandbox.linkTree(dir.resolve("code"), to);

        assertThat(Files.isSameFile(to.resolve("app.py"), dir.resolve("code/app.py"))).isTrue();
        assertThat(Files.isSameFile(to.resolve("lib/util.py"), from.resolve("util.py"))).isTrue();
        assertThat(Files.isExecutable(to.resolve("app.py"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve("lib")))).isEqualTo("rwxr-x---");
        assertThat(Files.readSymbolicLink(to.resolve("link"))).isEqualTo(Path.of("lib/util.py"));
    }

    @Test
    @Timeout(60)
    void ordersReachALiveReaderAndFailFastWhenTheReaderIsGone() throws Exception {
        Path fifo = dir.resolve("go");
        Fifos.make(fifo, 0600);
        Process reader = new ProcessBuilder("/bin/cat", fifo.toString()).start();

        Fifos.writeAll(fifo, "hello".getBytes(StandardCharsets.UTF_8), reader.toHandle(), Duration.ofSeconds(5));

        assertThat(new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(reader.waitFor()).as("the end of the orders ends its reader").isZero();
        // with a dead reader it gives up at once, not after its patience (the test's timeout guards that)
        assertThatThrownBy(() -> Fifos.writeAll(fifo, new byte[] {1}, reader.toHandle(), Duration.ofMinutes(10)))
                .isInstanceOf(IOException.class).hasMessageContaining("nothing reads");
    }
}
