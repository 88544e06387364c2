package dev.nimbus.sandbox.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * <p>Where cgroups are usable ({@link Cgroups}), each instance also runs in its own control group,
 * which caps its memory (the function's setting, no swap), its processes ({@link #PIDS_MAX}) and
 * weighs its CPU by its memory, and through which teardown kills every process it started.
 *
 * <p>Threading: {@link #start} may be called from any thread. The parent-death signal is tied to
 * the thread that forked the child, so every process is forked by one long-lived platform thread.
 */
public final class Spawner implements AutoCloseable {
    /** Most processes and threads of one instance, as Lambda and OpenWhisk allow. */
    public static final int PIDS_MAX = 1024;
    private static final System.Logger LOG = System.getLogger(Spawner.class.getName());
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private final ExecutorService forker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("nimbus-spawner").daemon(true).factory());
    private final boolean bwrap;
    private final Cgroups cgroups;

    private Spawner(boolean bwrap, Cgroups cgroups) {
        this.bwrap = bwrap;
        this.cgroups = cgroups;
    }

    /**
     * A spawner using bubblewrap and cgroups where they are installed and usable; removes the
     * cgroups a previous run left.
     */
    public static Spawner detect() {
        Cgroups cgroups = Cgroups.detect().orElse(null);
        if (cgroups != null) {
            int stale = cgroups.removeStale();
            if (stale > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} cgroup(s) left by a previous run", stale);
            }
        }
        return new Spawner(Files.isExecutable(BWRAP) && bwrapWorks(), cgroups);
    }

    /** The cgroups in force, or empty when instances run without resource limits. */
    public Optional<String> cgroups() {
        return Optional.ofNullable(cgroups).map(Cgroups::describe);
    }

    /** True when every descendant of an instance is guaranteed to die with it. */
    public boolean containsProcessTrees() {
        return bwrap;
    }

    /**
     * Starts {@code spec} with its stdout and stderr both going to {@code output} (a file name or a
     * pipe), in a cgroup of its own where cgroups are usable.
     */
    public Spawned start(LaunchSpec spec, File output) throws IOException {
        var command = wrap(spec.command());
        Cgroup cgroup = null;
        if (cgroups != null) {
            cgroup = cgroups.create("i-" + UUID.randomUUID(), spec.memoryMb() * 1024L * 1024L, PIDS_MAX, spec.memoryMb());
            command = cgroup.join(command);
        }
        try {
            return new Spawned(fork(spec, output, command), cgroup);
        } catch (IOException | RuntimeException e) {
            if (cgroup != null) {
                cgroup.destroy();
            }
            throw e;
        }
    }

    private Process fork(LaunchSpec spec, File output, List<String> command) throws IOException {
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
