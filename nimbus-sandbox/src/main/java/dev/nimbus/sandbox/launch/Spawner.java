package dev.nimbus.sandbox.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>Threading: {@link #start} may be called from any thread. The parent-death signal is tied to
 * the thread that forked the child, so every process is forked by one long-lived platform thread.
 */
public final class Spawner implements AutoCloseable {
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private final ExecutorService forker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("nimbus-spawner").daemon(true).factory());
    private final boolean bwrap;

    private Spawner(boolean bwrap) {
        this.bwrap = bwrap;
    }

    /** A spawner using bubblewrap where it is installed and usable. */
    public static Spawner detect() {
        return new Spawner(Files.isExecutable(BWRAP) && bwrapWorks());
    }

    /** True when every descendant of an instance is guaranteed to die with it. */
    public boolean containsProcessTrees() {
        return bwrap;
    }

    /** Starts {@code spec} with its stdout and stderr both going to {@code output} (a file name or a pipe). */
    public Process start(LaunchSpec spec, File output) throws IOException {
        var command = wrap(spec.command());
        var builder = new ProcessBuilder(command).directory(spec.workDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(output)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        try {
            return forker.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting an instance", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static final String HSPERFDATA = "/tmp/hsperfdata_" + System.getProperty("user.name");

    private List<String> wrap(List<String> command) {
        var full = new ArrayList<String>();
        if (bwrap) {
            // Every instance's first process is pid 2 in its own namespace; JVMs keep their perf data in
            // /tmp/hsperfdata_<user>/<pid>, so two Java instances at once would map one file and crash
            // (SIGBUS). A private tmpfs there keeps each JVM's own.
            full.addAll(List.of(BWRAP.toString(), "--unshare-pid", "--die-with-parent",
                    "--dev-bind", "/", "/", "--proc", "/proc", "--tmpfs", HSPERFDATA, "--"));
        } else if (Files.isExecutable(SETPRIV)) {
            full.addAll(List.of("/usr/bin/setsid", SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        full.addAll(command);
        return full;
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
