package dev.nimbus.sandbox.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts instance processes so that none outlives its instance or the server.
 *
 * <p>With bubblewrap, each instance gets its own PID namespace and {@code --die-with-parent}: when
 * the instance's top process dies (stop, timeout, or the server killed with SIGKILL), the kernel
 * kills every process in the namespace, grandchildren included. Without bubblewrap the process
 * starts in its own session with a parent-death signal; stopping kills its whole process tree, but
 * a grandchild of a server killed with SIGKILL can survive — the server logs this weakness at start.
 *
 * <p>Each instance has a private temporary directory, deleted when its process ends: with
 * bubblewrap it is the instance's {@code /tmp} (runtimes such as the AWS Java runtime client unpack
 * files to fixed names there, and every instance's first process is pid 2, so a shared /tmp makes
 * instances overwrite each other's files); without, it is {@code TMPDIR}.
 *
 * <p>Threading: {@link #start} may be called from any thread. The parent-death signal is tied to
 * the thread that forked the child, so every process is forked by one long-lived platform thread.
 */
public final class Spawner implements AutoCloseable {
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private final ExecutorService forker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("nimbus-spawner").daemon(true).factory());
    private final boolean bwrap;
    private final Path tmpRoot;

    private Spawner(boolean bwrap, Path tmpRoot) {
        this.bwrap = bwrap;
        this.tmpRoot = tmpRoot;
    }

    /**
     * A spawner using bubblewrap where it is installed and usable, keeping the instances' private
     * temporary directories under {@code tmpRoot} (emptied now: what is there belongs to instances
     * of an earlier run).
     */
    public static Spawner detect(Path tmpRoot) throws IOException {
        deleteTree(tmpRoot);
        Files.createDirectories(tmpRoot);
        return new Spawner(Files.isExecutable(BWRAP) && bwrapWorks(), tmpRoot);
    }

    /** True when every descendant of an instance is guaranteed to die with it. */
    public boolean containsProcessTrees() {
        return bwrap;
    }

    /** Starts {@code spec} with its stdout and stderr both going to {@code output} (a file name or a pipe). */
    public Process start(LaunchSpec spec, File output) throws IOException {
        Path tmp = Files.createDirectory(tmpRoot.resolve(UUID.randomUUID().toString()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        var command = wrap(spec.command(), tmp);
        var builder = new ProcessBuilder(command).directory(spec.workDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(output)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        builder.environment().put("TMPDIR", bwrap ? "/tmp" : tmp.toString());
        try {
            Process process = forker.submit(builder::start).get();
            process.onExit().thenRun(() -> deleteQuietly(tmp));
            return process;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting an instance", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private List<String> wrap(List<String> command, Path tmp) {
        var full = new ArrayList<String>();
        if (bwrap) {
            full.addAll(List.of(BWRAP.toString(), "--unshare-pid", "--die-with-parent",
                    "--dev-bind", "/", "/", "--proc", "/proc", "--bind", tmp.toString(), "/tmp", "--"));
        } else if (Files.isExecutable(SETPRIV)) {
            full.addAll(List.of("/usr/bin/setsid", SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        full.addAll(command);
        return full;
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            System.getLogger(Spawner.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete the instance temporary directory " + dir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Kills a process and all its descendants at once. */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean bwrapWorks() {
        try {
            var p = new ProcessBuilder(BWRAP.toString(), "--unshare-pid", "--die-with-parent", "--dev-bind", "/", "/",
                    "--proc", "/proc", "--", "/bin/true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        forker.shutdownNow();
    }
}
