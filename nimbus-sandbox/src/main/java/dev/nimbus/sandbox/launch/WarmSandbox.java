package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * A sandbox started ahead of need, with nothing of a function in it yet: bubblewrap with its
 * namespaces, seccomp filter, user switch, rlimits and cgroup in force, its relays listening, and
 * a shell waiting to be told what to run. A cold start that takes one ({@link Spawner#warm}) only
 * puts the function's code into {@link #TASK}, limits the cgroup to the function's memory, and
 * hands the shell the command and environment ({@link Spawner#start(WarmSandbox, LaunchSpec)}),
 * which then redirects its output into {@link #outputFifo()} and {@code exec}s the runtime. All of
 * the sandbox's own start is off the cold start's path.
 *
 * <p>Layout in its socket directory (seen at {@code /run/nimbus}): {@code go} (a named pipe the
 * shell reads its orders from), {@code out} (the named pipe the instance's output goes to) and
 * {@code task} (the code, bound read-only at {@link #TASK}).
 *
 * @param process its bubblewrap process
 * @param cgroup  its cgroup, or null without cgroups
 * @param network its socket directory and relays
 */
public record WarmSandbox(Process process, Cgroup cgroup, InstanceNetwork network) {
    /** Where the function's code is, inside, as on Lambda. */
    public static final String TASK = "/var/task";

    /** The named pipe the instance's output goes to, opened by the shell once it has its orders. */
    public Path outputFifo() {
        return network.dir().resolve("out");
    }

    Path ordersPipe() {
        return network.dir().resolve("go");
    }

    Path task() {
        return network.dir().resolve("task");
    }

    /** Stops it and removes what it had: for one that will not be used. */
    public void discard() {
        new Spawned(process, cgroup, network, null).kill();
    }

    /**
     * What the waiting shell of a warm sandbox runs: {@code cd} into the code, drop the shell's
     * own exported variables, export exactly the instance's environment with the shell's builtin
     * (no value ever appears in a command line, which other users of the host could read in
     * /proc), then {@code exec} the command; every word single-quoted (a quote inside as
     * {@code '"'"'}), so no value is ever read as shell syntax.
     */
    static String orders(LaunchSpec spec) {
        var script = new StringBuilder("cd ").append(quote(spec.workDir().toString()))
                .append(" || exit 125; unset PATH PWD OLDPWD;");
        spec.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                script.append(" export ").append(quote(e.getKey())).append('=').append(quote(e.getValue())).append(';'));
        script.append(" exec");
        spec.command().forEach(word -> script.append(' ').append(quote(word)));
        return script.append('\n').toString();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Hard links of {@code from}'s files in {@code to} (one file system: {@link Spawner#keepWarm} sees to
     * that), its directories and symbolic links made anew; a directory gets its mode once it is
     * filled (the code store's are read-only).
     */
    static void linkTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(from)) {
                    Files.createDirectory(target(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isSymbolicLink()) {
                    Files.createSymbolicLink(target(file), Files.readSymbolicLink(file));
                } else {
                    Files.createLink(target(file), file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!dir.equals(from)) {
                    Files.setPosixFilePermissions(target(dir), Files.getPosixFilePermissions(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            private Path target(Path source) {
                return to.resolve(from.relativize(source).toString());
            }
        });
    }
}
