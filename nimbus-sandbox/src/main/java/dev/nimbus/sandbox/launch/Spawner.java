package dev.nimbus.sandbox.launch;

import dev.nimbus.core.secret.Secrets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

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
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Path SHM = Path.of("/dev/shm");
    /** Unix socket paths may not exceed 107 bytes: longer socket directories go to the temporary directory. */
    private static final int MAX_SOCKET_DIR = 80;
    /** Connections one instance may hold open through its relay to the services listener. */
    private static final int SERVICES_CONNECTIONS = 64;
    /** Cgroups and networks kept ready: the cold starts that may happen at once without making them. */
    private static final int SPARES = 4;
    /**
     * Run inside a sandbox with a network of its own: starts the loopback relay to the services
     * socket ({@link InstanceNetwork}); if {@code $1} is 1 (a runtime that only speaks TCP), also the
     * Runtime API's, and waits for it to listen (the runtime would fail to connect otherwise); if
     * {@code $2} is 1 ({@link Egress}), waits for the default route, which appears after the
     * firewall, and fails without it; then runs the rest. Nimbus's own runtimes talk to the Runtime
     * API's socket directly: one process fewer to start.
     */
    private static final String RELAYS = "w=$1; e=$2; shift 2; relays=" + InstanceNetwork.SERVICES_PORT + ":services;"
            + " [ \"$w\" = 1 ] && relays=\"" + InstanceNetwork.RUNTIME_API_PORT + ":api $relays\"; for r in $relays; do "
            + SOCAT + " TCP-LISTEN:${r%%:*},bind=127.0.0.1,fork,reuseaddr"
            + " UNIX-CONNECT:" + InstanceNetwork.MOUNT + "/${r#*:}.sock & done; if [ \"$w\" = 1 ]; then i=0;"
            + " while [ $i -lt 20000 ]; do while read -r _ l _ s _; do [ \"$l $s\" = \"0100007F:"
            + String.format("%04X", InstanceNetwork.RUNTIME_API_PORT) + " 0A\" ] && break 2; done </proc/net/tcp;"
            + " i=$((i + 1)); done; fi; if [ \"$e\" = 1 ]; then i=0; while [ $i -lt 100000 ]; do"
            + " while read -r _ d _; do [ \"$d\" = 00000000 ] && break 2; done </proc/net/route; i=$((i + 1)); done;"
            + " [ $i -lt 100000 ] || { echo 'nimbus: the instance got no internet access' >&2; exit 125; }; fi;"
            + " exec \"$@\"";
    /**
     * The shell of a warm sandbox: starts both relays (the Runtime API's for provided runtimes,
     * the services'), waits until both listen (at most ~20,000 reads of /proc/net/tcp each), then
     * for its orders ({@link WarmSandbox#orders}), sends its output to the instance's pipe and runs them. A
     * sandbox whose orders never come idles in {@code cat}.
     */
    private static final String WARM = "for r in " + InstanceNetwork.RUNTIME_API_PORT + ":api " + InstanceNetwork.SERVICES_PORT
            + ":services; do " + SOCAT + " TCP-LISTEN:${r%%:*},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"
            + InstanceNetwork.MOUNT + "/${r#*:}.sock & done; for p in " + String.format("%04X %04X",
            InstanceNetwork.RUNTIME_API_PORT, InstanceNetwork.SERVICES_PORT) + "; do i=0; while [ $i -lt 20000 ]; do"
            + " while read -r _ l _ s _; do [ \"$l $s\" = \"0100007F:$p 0A\" ] && break 2; done </proc/net/tcp;"
            + " i=$((i + 1)); done; done; o=$(cat " + InstanceNetwork.MOUNT + "/go) && [ -n \"$o\" ] || exit 125;"
            + " exec >" + InstanceNetwork.MOUNT + "/out 2>&1; eval \"$o\"";
    /** How long a cold start waits for a warm sandbox that is still starting (its start takes ~30 ms here). */
    private static final java.time.Duration WARM_PATIENCE = java.time.Duration.ofSeconds(5);
    /** The memory limit of a warm sandbox until a function's takes it over: its shell and relays need a few MB. */
    private static final int WARM_MEMORY_MB = 64;
    /** What {@link #baseFileSystem} mounts: the parents of other mounts that already exist. */
    private static final java.util.Set<Path> BASE_MOUNTS = java.util.Set.of(Path.of("/usr"), Path.of("/etc"),
            Path.of("/proc"), Path.of("/dev"), Path.of("/tmp"));
    /** Open files of one instance, as Lambda allows. */
    static final int MAX_OPEN_FILES = 1024;
    /** The largest file an instance may write. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** Size of an instance's private /tmp, as Lambda's default ephemeral storage. */
    static final long TMP_BYTES = 512L << 20;
    /** What runtimes read of /etc; secrets such as shadow, ssh keys or TLS private keys are not among them. */
    private static final List<String> ETC = List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group",
            "nsswitch.conf", "host.conf", "hosts", "resolv.conf", "gai.conf", "localtime", "timezone", "mime.types",
            "os-release", "alternatives", "ssl/certs", "ssl/openssl.cnf", "ca-certificates", "ca-certificates.conf",
            "python3", "python3.11", "fonts");
    /**
     * Sets the rlimits (POSIX {@code ulimit -f} counts 512-byte blocks), joins the cgroup
     * directories named by the first {@code $1} arguments, opens the next (if any) as descriptor 9
     * and the one after (if any) for writing as descriptor 8, runs the rest.
     */
    private static final String LAUNCH = "ulimit -n " + MAX_OPEN_FILES + " && ulimit -c 0 && ulimit -f "
            + MAX_FILE_BYTES / 512 + " || exit 125; n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1/cgroup.procs\" || exit 125;"
            + " shift; n=$((n - 1)); done; if [ -n \"$1\" ]; then exec 9<\"$1\" || exit 125; fi; shift;"
            + " if [ -n \"$1\" ]; then exec 8>\"$1\" || exit 125; fi; shift; exec \"$@\"";
    private final ExecutorService forker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("nimbus-spawner").daemon(true).factory());
    private final boolean bwrap;
    private final Cgroups cgroups;
    /** Groups made ahead of cold starts, limited when taken; null without cgroups. */
    private final Spares<Cgroup> groups;
    /** Socket directories and relays made ahead of cold starts; null when instances share the host's network. */
    private final Spares<InstanceNetwork> networks;
    /** The compiled seccomp filter, loaded by bubblewrap; null without bubblewrap or on an unknown architecture. */
    private final Path seccomp;
    /** Host directories every instance may write, seen at the same path (an administrator's choice). */
    private final List<Path> writable;
    /** A copy of what instances see of /etc, bound in one mount (each mount costs a start about 0.2 ms); or null. */
    private final Path etc;
    /** The part of {@link #fileSystem} every instance shares, worked out once: it is on every cold start's path. */
    private final List<String> baseFileSystem;
    /** Where each instance gets a directory for its sockets; null when instances share the host's network. */
    private final Path sockets;
    /** The loopback port of the server's listener for functions ({@link Endpoints#services()}), known once it listens. */
    private final IntSupplier servicesPort;
    /** What switches a sandbox to its unprivileged user before anything of the function runs; empty: no switch. */
    private final List<String> dropToUser;
    /** Whether functions may opt into internet access ({@link Egress}); its files are in {@link #sockets}. */
    private final boolean egress;
    /** The name of {@link #secretsRoot} in /dev/shm. */
    private final String secretsName;
    private Path secretsRoot;
    /** Sandboxes started ahead of cold starts ({@link WarmSandbox}); null until {@link #keepWarm}, or where there are none. */
    private volatile Spares<WarmSandbox> warm;
    /** What every warm sandbox mounts read-only besides the base: every runtime's installation and bootstrap. */
    private volatile List<Path> warmReadOnly = List.of();

    Spawner(boolean bwrap, Cgroups cgroups, Path seccomp, List<Path> writable, Path etc, Path sockets,
            IntSupplier servicesPort, List<String> dropToUser, boolean egress, String secretsName) {
        this.bwrap = bwrap;
        this.cgroups = cgroups;
        this.groups = cgroups == null ? null : new Spares<>("cgroup", SPARES,
                () -> cgroups.make("i-" + UUID.randomUUID(), PIDS_MAX), Cgroup::destroy);
        this.seccomp = seccomp;
        this.writable = List.copyOf(writable);
        this.etc = etc;
        this.baseFileSystem = baseFileSystem(etc);
        this.sockets = sockets;
        this.servicesPort = servicesPort;
        this.networks = sockets == null ? null : new Spares<>("network", SPARES, this::makeNetwork, InstanceNetwork::close);
        this.dropToUser = List.copyOf(dropToUser);
        this.egress = egress;
        this.secretsName = secretsName;
    }

    /**
     * A spawner using bubblewrap and cgroups where they are installed and usable; removes the
     * cgroups a previous run left.
     */
    public static Spawner detect() {
        return detect(List.of(), -1, -1, null, () -> 0);
    }

    /**
     * As {@link #detect()}, letting every instance write {@code writable} (host directories, same
     * paths inside), running instances as {@code uid}:{@code gid} when the server runs as root (-1:
     * as the server's user), keeping in {@code stateDir} (if not null) what it prepares for
     * instances, and relaying instances' calls to the platform's services to loopback port {@code servicesPort}.
     */
    public static Spawner detect(List<Path> writable, int uid, int gid, Path stateDir, IntSupplier servicesPort) {
        Cgroups cgroups = Cgroups.detect(groupName(stateDir)).orElse(null);
        removeStaleSecrets(groupName(stateDir) + "-secrets");
        if (cgroups != null) {
            int stale = cgroups.removeStale();
            if (stale > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} cgroup(s) left by a previous run", stale);
            }
        }
        boolean bwrap = Files.isExecutable(BWRAP) && bwrapWorks();
        Path sockets = null;
        if (bwrap && !Files.isExecutable(SOCAT)) {
            LOG.log(System.Logger.Level.WARNING, "socat is not installed: instances share the host's network, and a "
                    + "function can reach the management API and every service on this host. Install socat to give "
                    + "each instance a network of its own.");
        } else if (bwrap) {
            sockets = socketRoot(stateDir);
        }
        return new Spawner(bwrap, cgroups, bwrap ? seccompFile(sockets) : null, writable,
                bwrap && stateDir != null ? etcCopy(stateDir.resolve("etc")) : null, sockets, servicesPort,
                dropToUser(uid, gid), sockets != null && serverUid() == 0 && egressFiles(sockets),
                groupName(stateDir) + "-secrets");
    }

    /** Writes the name resolution of instances with egress; false (logged) where egress is unavailable. */
    private static boolean egressFiles(Path dir) {
        if (!Egress.available()) {
            LOG.log(System.Logger.Level.INFO, "functions cannot opt into egress here: it needs " + Egress.SLIRP4NETNS
                    + ", " + Egress.NFT + " (nftables) and " + Egress.NSENTER + ", and a server run as root");
            return false;
        }
        try {
            Egress.rules(); // the host's addresses can be listed
            Files.writeString(dir.resolve("resolv.conf"), "nameserver " + Egress.DNS + "\n");
            Files.setPosixFilePermissions(dir.resolve("resolv.conf"), PosixFilePermissions.fromString("rw-r--r--"));
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "functions cannot opt into egress: " + e.getMessage());
            return false;
        }
    }

    /** Whether a function may opt into internet access here. */
    public boolean offersEgress() {
        return egress;
    }

    /**
     * The switch to {@code uid}:{@code gid} with no supplementary groups, where the server runs as
     * root: leaving root clears the capabilities kept for it, and {@code no_new_privs} forbids
     * regaining any. Empty when there is nothing to switch (or nothing to switch with).
     */
    private static List<String> dropToUser(int uid, int gid) {
        if (uid < 0 || serverUid() != 0) {
            return List.of();
        }
        if (!Files.isExecutable(SETPRIV)) {
            LOG.log(System.Logger.Level.WARNING, "setpriv (util-linux) is not installed: instances run as root, "
                    + "without capabilities");
            return List.of();
        }
        return List.of(SETPRIV.toString(), "--reuid", Integer.toString(uid), "--regid", Integer.toString(gid),
                "--clear-groups", "--");
    }

    private static int serverUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The user instances run as, {@code uid:gid}, or empty when they run as the server's. */
    public Optional<String> user() {
        return dropToUser.isEmpty() ? Optional.empty() : Optional.of(dropToUser.get(2) + ":" + dropToUser.get(4));
    }

    /** True when each instance has a network of its own, reaching only the platform. */
    public boolean isolatesNetwork() {
        return sockets != null;
    }

    /** How a new instance will reach the platform: where its Runtime API listens, the relays to start it with. */
    public InstanceNetwork network() throws IOException {
        return sockets == null ? InstanceNetwork.shared(servicesPort) : networks.take();
    }

    /** A socket directory with the relay of the services socket; the Runtime API binds its own socket there. */
    private InstanceNetwork makeNetwork() throws IOException {
        Path dir = Files.createDirectory(sockets.resolve(UUID.randomUUID().toString().substring(0, 8)));
        // the instance's user must reach its sockets; other users of the host cannot pass the parent
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            return InstanceNetwork.isolated(dir, List.of(UnixRelay.open(dir.resolve("services.sock"),
                    () -> new InetSocketAddress(InetAddress.getLoopbackAddress(), servicesPort.getAsInt()),
                    SERVICES_CONNECTIONS)));
        } catch (IOException | RuntimeException e) {
            InstanceNetwork.isolated(dir, List.of()).close();
            throw e;
        }
    }

    /**
     * An empty directory for instances' socket directories: in the state directory, or where its
     * path would make socket paths too long, a private temporary directory.
     */
    private static Path socketRoot(Path stateDir) {
        try {
            Path dir = stateDir == null ? null : stateDir.resolve("run").toAbsolutePath();
            if (dir != null && dir.toString().length() <= MAX_SOCKET_DIR) {
                deleteTree(dir);
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                return dir;
            }
            return Files.createTempDirectory("nimbus-run-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directory of instances' sockets", e);
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists; links are removed, never followed. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
    public Spawned start(LaunchSpec spec, File output, InstanceNetwork network) throws IOException {
        if (spec.egress() && !egress) {
            throw new LaunchRefusedException("Runtime.EgressUnavailable", "The function asks for egress, which this "
                    + "server cannot give: it needs to run as root with bubblewrap, socat, slirp4netns, nftables and "
                    + "nsenter (see nimbus doctor)");
        }
        Path info = spec.egress() ? sockets.resolve(UUID.randomUUID() + ".info") : null;
        SecretFiles secrets = spec.secretFiles().isEmpty() ? null
                : SecretFiles.write(secretsRoot(), spec.secretFiles(), runAs(2), runAs(4));
        Cgroup cgroup = null;
        Spawned spawned = null;
        try {
            if (groups != null) {
                cgroup = groups.take();
                cgroups.limit(cgroup, spec.memoryMb() * 1024L * 1024L, spec.memoryMb());
            }
            Process process = fork(spec, inside(spec).environment(), output, command(spec, cgroup, network, secrets, info),
                    secrets);
            spawned = new Spawned(process, cgroup, network, secrets);
            if (info != null) {
                network.carry(Egress.attach(info, sockets.resolve(info.getFileName() + ".nft"), process, this::forkHere));
            }
            return spawned;
        } catch (IOException | RuntimeException e) {
            if (spawned != null) {
                spawned.kill(); // the cgroup, relays and secret files go with it
                throw e;
            }
            if (cgroup != null) {
                cgroup.destroy();
            }
            if (secrets != null) {
                secrets.close();
            }
            throw e;
        }
    }

    /**
     * Keeps {@code count} sandboxes started ahead of cold starts ({@link WarmSandbox}), each mounting
     * {@code readOnly} (what any runtime needs), where bubblewrap isolates instances' networks and
     * the code under {@code codeRoot} can be hard-linked into them; starts making them now. 0 keeps none.
     */
    public synchronized void keepWarm(int count, List<Path> readOnly, Path codeRoot) {
        if (!bwrap || sockets == null || warm != null || count == 0) {
            return;
        }
        try {
            if (!Files.getAttribute(sockets, "unix:dev").equals(Files.getAttribute(codeRoot, "unix:dev"))) {
                LOG.log(System.Logger.Level.INFO, "no sandboxes are started ahead: the code in " + codeRoot
                        + " cannot be hard-linked into " + sockets + ", on another file system (a shorter data"
                        + " directory path keeps both on one)");
                return;
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.INFO, "no sandboxes are started ahead: " + e.getMessage());
            return;
        }
        warmReadOnly = List.copyOf(readOnly);
        warm = new Spares<>("warm sandbox", count, this::makeWarm, WarmSandbox::discard);
        warm.poll();
    }

    /** A warm sandbox if one is ready and alive; empty otherwise (the cold start starts its own). */
    public Optional<WarmSandbox> warm() {
        Spares<WarmSandbox> spares = warm;
        if (spares == null) {
            return Optional.empty();
        }
        Optional<WarmSandbox> taken = spares.poll();
        if (taken.isPresent() && !taken.get().process().isAlive()) {
            taken.get().discard();
            return Optional.empty();
        }
        return taken;
    }

    /**
     * Starts {@code spec} in {@code sandbox}: links the code ({@code spec.workDir()}) into it, limits
     * its cgroup to the function's memory and hands its shell the command and environment, with the
     * code's path as seen inside ({@link WarmSandbox#TASK}). When this fails the caller discards
     * the sandbox. Not for egress or secret files, which a warm sandbox has no mounts for.
     */
    public Spawned start(WarmSandbox sandbox, LaunchSpec spec) throws IOException {
        if (spec.egress() || !spec.secretFiles().isEmpty()) {
            throw new IllegalArgumentException("a warm sandbox has no egress and no secret files");
        }
        WarmSandbox.linkTree(spec.workDir(), sandbox.task());
        if (sandbox.cgroup() != null) {
            cgroups.limit(sandbox.cgroup(), spec.memoryMb() * 1024L * 1024L, spec.memoryMb());
        }
        LaunchSpec inside = spec.relocate(spec.workDir(), Path.of(WarmSandbox.TASK));
        // a sandbox made a moment ago may still be on its way to reading its orders
        Fifos.writeAll(sandbox.ordersPipe(), WarmSandbox.orders(inside).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                sandbox.process().toHandle(), WARM_PATIENCE);
        return new Spawned(sandbox.process(), sandbox.cgroup(), sandbox.network(), null);
    }

    /** A warm sandbox: its socket directory with the two named pipes and the empty code directory, its cgroup, its processes. */
    private WarmSandbox makeWarm() throws IOException {
        InstanceNetwork network = makeNetwork();
        Cgroup cgroup = null;
        try {
            Path dir = network.dir();
            Files.createDirectory(dir.resolve("task"));
            Files.setPosixFilePermissions(dir.resolve("task"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String fifo : List.of("go", "out")) {
                Fifos.make(dir.resolve(fifo), 0600);
                if (!dropToUser.isEmpty()) {
                    Files.setAttribute(dir.resolve(fifo), "unix:uid", runAs(2));
                    Files.setAttribute(dir.resolve(fifo), "unix:gid", runAs(4));
                }
            }
            if (groups != null) {
                cgroup = groups.take();
                cgroups.limit(cgroup, WARM_MEMORY_MB * 1024L * 1024L, WARM_MEMORY_MB);
            }
            var builder = new ProcessBuilder(warmCommand(cgroup, network)).directory(new File("/"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            return new WarmSandbox(forkHere(builder), cgroup, network);
        } catch (IOException | RuntimeException e) {
            if (cgroup != null) {
                cgroup.destroy();
            }
            network.close();
            throw e;
        }
    }

    /** The command line of a warm sandbox: as {@link #command}'s, with the shared mounts and the waiting shell. */
    private List<String> warmCommand(Cgroup cgroup, InstanceNetwork network) {
        var full = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "sh"));
        List<Path> dirs = cgroup == null ? List.of() : cgroup.dirs();
        full.add(Integer.toString(dirs.size()));
        dirs.forEach(g -> full.add(g.toString()));
        full.add(seccomp == null ? "" : seccomp.toString());
        full.add("");
        full.addAll(sandboxFlags(true, false));
        full.addAll(fileSystem(warmReadOnly, List.of("--ro-bind", network.dir().resolve("task").toString(),
                WarmSandbox.TASK), Path.of(WarmSandbox.TASK), network, null, false));
        full.add("--");
        full.addAll(dropToUser);
        full.addAll(List.of("/bin/sh", "-c", WARM, "sh"));
        return full;
    }

    /** Part {@code index} of {@link #dropToUser} as a number (2: uid, 4: gid), or -1 where instances keep the server's user. */
    private int runAs(int index) {
        return dropToUser.isEmpty() ? -1 : Integer.parseInt(dropToUser.get(index));
    }

    /**
     * The parent of instances' secret directories, in memory, named by this server's state
     * directory (so that a restarted server removes what a killed one left), which other users may
     * pass through but not list; made on first use, or a fresh temporary one if the name is taken.
     */
    private synchronized Path secretsRoot() throws IOException {
        if (secretsRoot == null) {
            if (!Files.isDirectory(SHM)) {
                throw new IOException("secrets given as files need the memory file system " + SHM);
            }
            var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"));
            try {
                secretsRoot = Files.createDirectory(SHM.resolve(secretsName), mode);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                secretsRoot = Files.createTempDirectory(SHM, secretsName + "-", mode);
            }
            Files.setPosixFilePermissions(secretsRoot, PosixFilePermissions.fromString("rwx--x--x")); // past the umask
        }
        return secretsRoot;
    }

    /** Removes the secrets directory a previous run of this server left, if it is this user's own. */
    private static void removeStaleSecrets(String name) {
        Path stale = SHM.resolve(name);
        try {
            if (Files.isDirectory(stale, LinkOption.NOFOLLOW_LINKS)
                    && Files.getAttribute(stale, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(serverUid())) {
                deleteTree(stale);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the secret files a previous run left in " + stale
                    + ": " + e.getMessage());
        }
    }

    /** Starts {@code builder} on the forking thread, so that a parent-death signal fires only with the server. */
    private Process forkHere(ProcessBuilder builder) throws IOException {
        try {
            return forker.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a process", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private Process fork(LaunchSpec spec, Map<String, String> environment, File output, List<String> command,
                         SecretFiles secrets) throws IOException {
        var builder = new ProcessBuilder(command).directory(spec.workDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(output)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (secrets != null && !bwrap) { // no mount namespace: point at the files where they are
            for (String name : spec.secretFiles().keySet()) {
                String inside = Secrets.FILES + "/" + name;
                builder.environment().replaceAll((k, v) -> v.equals(inside) ? secrets.dir().resolve(name).toString() : v);
            }
        }
        return forkHere(builder);
    }


    /**
     * The full command line of an instance: a shell that sets its rlimits (open files, core dumps,
     * file size), joins its cgroup and opens the seccomp filter on descriptor 9 (what {@link
     * ProcessBuilder} cannot do before {@code exec}), then bubblewrap (PID namespace, no
     * capabilities, the seccomp filter, the file system of {@link #fileSystem}) or, without it, a
     * new session with a parent-death signal.
     */
    List<String> command(LaunchSpec spec, Cgroup cgroup, InstanceNetwork network, SecretFiles secrets, Path info) {
        List<String> command = inside(spec).command();
        var full = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "sh"));
        List<Path> groups = cgroup == null ? List.of() : cgroup.dirs();
        full.add(Integer.toString(groups.size()));
        groups.forEach(g -> full.add(g.toString()));
        full.add(seccomp == null ? "" : seccomp.toString());
        full.add(info == null ? "" : info.toString());
        if (bwrap) {
            full.addAll(sandboxFlags(network.dir() != null, info != null));
            full.addAll(fileSystem(spec.readOnly().stream().filter(p -> !p.equals(spec.workDir())).toList(),
                    List.of("--ro-bind", spec.workDir().toString(), WarmSandbox.TASK), Path.of(WarmSandbox.TASK),
                    network, secrets, spec.egress()));
            full.add("--");
            full.addAll(dropToUser);
            if (network.dir() != null) {
                full.addAll(List.of("/bin/sh", "-c", RELAYS, "sh", spec.runtimeApiOverSocket() ? "0" : "1",
                        spec.egress() ? "1" : "0"));
            }
        } else if (Files.isExecutable(SETPRIV)) {
            full.addAll(List.of("/usr/bin/setsid", SETPRIV.toString(), "--pdeathsig", "KILL"));
            full.addAll(dropToUser.isEmpty() ? List.of("--") : dropToUser.subList(1, dropToUser.size()));
        }
        full.addAll(command);
        return full;
    }

    /** {@code spec} as its instance sees it: in a sandbox its code is at {@link WarmSandbox#TASK}, as on Lambda. */
    private LaunchSpec inside(LaunchSpec spec) {
        return bwrap ? spec.relocate(spec.workDir(), Path.of(WarmSandbox.TASK)) : spec;
    }

    /** bubblewrap and its options: namespaces, no capabilities (but the user switch's), the seccomp filter. */
    private List<String> sandboxFlags(boolean ownNetwork, boolean info) {
        var flags = new ArrayList<>(List.of(BWRAP.toString(), "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--cap-drop", "ALL"));
        if (!dropToUser.isEmpty()) {
            flags.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID")); // for setpriv alone
        }
        if (seccomp != null) {
            flags.addAll(List.of("--seccomp", "9"));
        }
        if (ownNetwork) {
            flags.add("--unshare-net");
        }
        if (info) {
            flags.addAll(List.of("--info-fd", "8"));
        }
        return flags;
    }

    /**
     * What an instance sees of the file system: {@code /usr} and the parts of {@code /etc} a
     * runtime reads (libraries, users, name resolution, time zone, public certificates), all
     * read-only; a fresh {@code /proc} and a minimal {@code /dev}; a private {@code /tmp} of
     * {@link #TMP_BYTES} (its pages count against the instance's memory); its code, runtime and
     * bootstrap read-only at their host paths; and the administrator's writable directories; the
     * rest of the root is read-only too. The data directory, other functions' code, home
     * directories and the rest of the host are not there.
     */
    private List<String> fileSystem(List<Path> readOnly, List<String> binds, Path workDir, InstanceNetwork network,
                                    SecretFiles secrets, boolean egress) {
        var args = new ArrayList<>(baseFileSystem);
        // bubblewrap would make the missing parents of a mount point private to root, and an
        // instance running as another user could not reach what is mounted below them
        var parents = new java.util.TreeSet<Path>();
        var targets = new ArrayList<>(readOnly);
        for (int i = 2; i < binds.size(); i += 3) {
            targets.add(Path.of(binds.get(i)));
        }
        targets.addAll(writable);
        if (network.dir() != null) {
            targets.add(Path.of(InstanceNetwork.MOUNT));
        }
        if (secrets != null) {
            targets.add(Path.of(Secrets.FILES));
        }
        for (Path target : targets) {
            for (Path p = target.getParent(); p != null && p.getParent() != null && !BASE_MOUNTS.contains(p); p = p.getParent()) {
                parents.add(p);
            }
        }
        for (Path parent : parents) { // sorted: each after its own parent
            args.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
        }
        if (network.dir() != null) {
            args.addAll(List.of("--ro-bind", network.dir().toString(), InstanceNetwork.MOUNT));
        }
        if (secrets != null) {
            args.addAll(List.of("--ro-bind", secrets.dir().toString(), Secrets.FILES));
        }
        if (egress && sockets != null) { // the NAT's DNS server; the host's may sit on its loopback
            args.addAll(List.of("--ro-bind", sockets.resolve("resolv.conf").toString(), "/etc/resolv.conf"));
        }
        args.addAll(binds);
        for (Path path : readOnly) {
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        for (Path path : writable) {
            args.addAll(List.of("--bind", path.toString(), path.toString()));
        }
        args.addAll(List.of("--remount-ro", "/", "--chdir", workDir.toString()));
        return args;
    }

    /** {@code /usr}, the top-level links or directories into it, {@code /etc}, {@code /proc}, {@code /dev}, {@code /tmp}. */
    private static List<String> baseFileSystem(Path etc) {
        var args = new ArrayList<String>(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64")) {
            Path path = Path.of("/", top);
            if (Files.isSymbolicLink(path)) {
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot read the link " + path + ": " + e.getMessage());
                }
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        if (etc != null) {
            args.addAll(List.of("--ro-bind", etc.toString(), "/etc"));
        } else {
            for (String entry : ETC) {
                args.addAll(List.of("--ro-bind-try", "/etc/" + entry, "/etc/" + entry));
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(TMP_BYTES), "--perms", "1777", "--tmpfs", "/tmp"));
        return List.copyOf(args);
    }

    /**
     * The parent cgroup of this server's instances: one per state directory, so that two servers on
     * a host never remove each other's groups, and a server restarted on its data removes its own.
     */
    static String groupName(Path stateDir) {
        if (stateDir == null) { // a probe (nimbus doctor, tests): a group of its own, never another's
            return "nimbus-p" + ProcessHandle.current().pid();
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "nimbus-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A fresh copy of the entries of /etc instances see, in {@code dir}; null (with a warning) if it cannot be made. */
    private static Path etcCopy(Path dir) {
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            Path source = Path.of("/etc");
            for (String entry : ETC) {
                Path from = source.resolve(entry);
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.isSymbolicLink(from) && Files.isRegularFile(from)) {
                    // e.g. resolv.conf -> ../run/systemd/resolve/stub-resolv.conf: its target is not in the sandbox
                    Files.createDirectories(dir.resolve(entry).getParent());
                    Files.copy(from, dir.resolve(entry));
                    continue;
                }
                try (var tree = Files.walk(from)) {
                    for (Path p : tree.toList()) {
                        Path to = dir.resolve(source.relativize(p).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot prepare " + dir + " (" + e.getMessage() + "); instances get"
                    + " /etc in one mount per entry, which starts them slower");
            return null;
        }
    }

    /**
     * The filter, written once to a file only the server's user can read: in {@code dir} (this
     * server's private run directory, emptied at each start and stop) when there is one, else a
     * temporary file; null if it cannot be written.
     */
    private static Path seccompFile(Path dir) {
        byte[] program = SeccompFilter.forThisMachine().orElse(null);
        if (program == null) {
            LOG.log(System.Logger.Level.WARNING, "no seccomp filter for {0}: instances run without one",
                    System.getProperty("os.arch"));
            return null;
        }
        try {
            var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Path file = dir != null ? Files.createFile(dir.resolve("seccomp.bpf"), mode)
                    : Files.createTempFile("nimbus-seccomp-", ".bpf", mode);
            Files.write(file, program);
            if (dir == null) {
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the seccomp filter: " + e.getMessage()
                    + "; instances run without one");
            return null;
        }
    }

    /** Whether instances run under the seccomp filter. */
    public boolean filtersSystemCalls() {
        return seccomp != null;
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
        if (warm != null) {
            warm.close();
        }
        forker.shutdownNow();
        if (groups != null) {
            groups.close();
        }
        if (networks != null) {
            networks.close();
        }
        for (Path dir : new Path[] {sockets, secretsRoot}) {
            try {
                if (dir != null) {
                    deleteTree(dir);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove " + dir + ": " + e.getMessage());
            }
        }
        if (cgroups != null) {
            cgroups.removeParents();
        }
    }
}
