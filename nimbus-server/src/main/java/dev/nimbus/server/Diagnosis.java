package dev.nimbus.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code nimbus doctor} concludes from what it found: a pure function from {@link Facts} to
 * one {@link Check} per line, each OK, WARN (runs, less isolated or without something) or FAIL
 * (the server would not start, or nothing could run), with a hint saying what to do about it.
 * {@link DoctorCommand} gathers the facts.
 */
final class Diagnosis {
    /** Below this much free space in the data directory's file system: WARN (code, logs and the database live there). */
    static final long LOW_DISK_BYTES = 1L << 30;
    /** Below this: FAIL; a deploy or the database's next write may not fit. */
    static final long NO_DISK_BYTES = 64L << 20;
    static final int MIN_JAVA = 25;

    private Diagnosis() {
    }

    enum Status { OK, WARN, FAIL }

    /** One line of the report; {@code hint} is empty when there is nothing to do. */
    record Check(String name, Status status, String detail, String hint) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.OK, detail, "");
        }
    }

    /** Everything the doctor found; each part is gathered apart so tests can state it directly. */
    record Facts(JavaFacts java, Isolation isolation, List<RuntimeFound> runtimes, Store store, Disk disk, Port port) {
    }

    /**
     * @param javaHomeVariable  {@code $JAVA_HOME}, or null when unset
     * @param javaHomeHasJava   whether {@code $JAVA_HOME/bin/java} is an executable
     * @param javaHomeVersion   {@code JAVA_VERSION} of {@code $JAVA_HOME/release}, or null when unknown
     */
    record JavaFacts(String version, int feature, String home, String javaHomeVariable, boolean javaHomeHasJava,
                     String javaHomeVersion) {
    }

    /**
     * The instance sandbox as the server would set it up.
     *
     * @param bwrapInstalled      /usr/bin/bwrap is an executable
     * @param sandboxes           bubblewrap made a sandbox (a process in namespaces of its own) when tried
     * @param userNamespaces      the kernel's limits on user namespaces
     * @param cgroups             the cgroup setup found, or empty when none is usable
     * @param socatInstalled      /usr/bin/socat is an executable
     * @param user                the user instances run as, or empty for the server's
     */
    record Isolation(boolean required, boolean root, boolean bwrapInstalled, boolean sandboxes,
                     UserNamespaces userNamespaces, Optional<String> cgroups, boolean seccomp, boolean socatInstalled,
                     boolean networkIsolated, boolean egress, Optional<String> user) {
    }

    /**
     * Values of {@code /proc/sys}; null where the file is absent (the kernel has no such switch).
     *
     * @param max               {@code user/max_user_namespaces}
     * @param unprivilegedClone {@code kernel/unprivileged_userns_clone} (Debian)
     * @param apparmorRestricts {@code kernel/apparmor_restrict_unprivileged_userns} (Ubuntu 23.10+)
     */
    record UserNamespaces(Integer max, Integer unprivilegedClone, Integer apparmorRestricts) {
    }

    record RuntimeFound(String runtime, Path path, boolean executable, String key) {
    }

    /**
     * @param writableAncestor the data directory, or its nearest existing ancestor, when writable; null if not
     * @param inUse            a running server holds the data directory's lock
     * @param databaseError    why the SQLite database could not be read, or null when it could (or does not exist yet)
     */
    record Store(Path dataDir, boolean exists, Path writableAncestor, boolean inUse, Path database,
                 boolean databaseExists, String databaseError) {
    }

    /** @param freeBytes usable bytes in the data directory's file system, or -1 when unknown */
    record Disk(Path dir, long freeBytes) {
    }

    /**
     * @param bindError     why the port cannot be bound, or null when it can
     * @param nimbusVersion the version a Nimbus server answering {@code /api/v1/status} there gives (or why it
     *                      is not known), null when what holds the port is not Nimbus
     */
    record Port(String host, int port, String bindError, String nimbusVersion) {
    }

    /** The report of a machine whose configuration loaded (else there are no facts to judge but Java's). */
    static List<Check> checks(Facts facts) {
        var checks = new ArrayList<Check>();
        checks.addAll(java(facts.java()));
        checks.add(Check.ok("config", "valid"));
        checks.addAll(isolation(facts.isolation()));
        facts.runtimes().forEach(r -> checks.add(runtime(r)));
        checks.add(dataDir(facts.store()));
        checks.add(store(facts.store()));
        checks.add(disk(facts.disk()));
        checks.add(port(facts.port()));
        return checks;
    }

    static List<Check> java(JavaFacts j) {
        Check java = j.feature() >= MIN_JAVA ? Check.ok("java", "Java " + j.version() + " in " + j.home())
                : new Check("java", Status.FAIL, "Java " + j.version() + " in " + j.home() + "; Nimbus needs "
                        + MIN_JAVA + " or newer", "install a JDK " + MIN_JAVA + " (e.g. Temurin " + MIN_JAVA
                        + ") and set JAVA_HOME to it");
        String variable = j.javaHomeVariable();
        Check home;
        if (variable == null || variable.isBlank()) {
            home = Check.ok("java-home", "JAVA_HOME is not set; ./nimbus looks for a JDK " + MIN_JAVA + " in /usr/lib/jvm");
        } else if (!j.javaHomeHasJava()) {
            home = new Check("java-home", Status.WARN, "JAVA_HOME=" + variable + " has no bin/java",
                    "point JAVA_HOME at a JDK " + MIN_JAVA + ", or unset it");
        } else if (j.javaHomeVersion() != null && major(j.javaHomeVersion()) < MIN_JAVA) {
            home = new Check("java-home", Status.WARN, "JAVA_HOME=" + variable + " is Java " + j.javaHomeVersion()
                    + "; ./nimbus passes over it", "point JAVA_HOME at a JDK " + MIN_JAVA + ", or unset it");
        } else {
            home = Check.ok("java-home", "JAVA_HOME=" + variable
                    + (j.javaHomeVersion() == null ? "" : " (Java " + j.javaHomeVersion() + ")"));
        }
        return List.of(java, home);
    }

    /** The leading number of a version such as {@code 25.0.1} or {@code 1.8.0_392} (8); 0 when there is none. */
    static int major(String version) {
        String[] parts = version.split("[^0-9]+");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return 0;
        }
    }

    /** With {@code isolation: required}, a gap fails (the server refuses to start); otherwise it warns. */
    static List<Check> isolation(Isolation i) {
        Status gap = i.required() ? Status.FAIL : Status.WARN;
        var checks = new ArrayList<Check>();
        if (i.sandboxes()) {
            checks.add(Check.ok("bubblewrap", "instances get namespaces of their own; no process outlives them"));
        } else if (!i.bwrapInstalled()) {
            checks.add(new Check("bubblewrap", gap, "not installed: instances run as plain process groups, see the whole"
                    + " host and can leave processes behind a server killed with SIGKILL", "apt-get install bubblewrap"));
        } else {
            checks.add(new Check("bubblewrap", gap, "/usr/bin/bwrap is installed but could not make a sandbox here:"
                    + " instances run as plain process groups", "see the user-namespaces line, or run the server as root"));
        }
        checks.add(userNamespaces(i, gap));
        checks.add(i.cgroups().map(c -> Check.ok("cgroups", c)).orElseGet(() -> new Check("cgroups", gap,
                "no writable cgroups with the memory and pids controllers: instances run without memory, process or"
                        + " CPU limits", "run the server as root, or as a systemd service with Delegate=yes")));
        checks.add(i.seccomp() ? Check.ok("seccomp", "dangerous system calls are denied")
                : new Check("seccomp", i.sandboxes() ? gap : Status.WARN, "no system call filter",
                "comes with a working bubblewrap"));
        checks.add(i.socatInstalled() ? Check.ok("socat", "relays instances' calls to the platform")
                : new Check("socat", i.sandboxes() ? gap : Status.WARN, "not installed: instances cannot have a"
                + " network of their own", "apt-get install socat"));
        checks.add(i.networkIsolated()
                ? Check.ok("network", "each instance has a network of its own, reaching only the platform")
                : new Check("network", gap, "instances share the host's network: a function can reach the management"
                + " API and every service of this host", i.sandboxes() ? "apt-get install socat"
                : "apt-get install bubblewrap socat"));
        checks.add(i.egress() ? Check.ok("egress", "functions may opt into internet access (public addresses only)")
                : new Check("egress", Status.WARN, "functions that opt into internet access cannot start",
                i.root() ? "apt-get install bubblewrap socat slirp4netns nftables util-linux"
                        : "run the server as root, with bubblewrap, socat, slirp4netns and nftables"));
        checks.add(i.user().map(u -> Check.ok("user", "instances run as " + u))
                .orElseGet(() -> i.root() ? new Check("user", gap, "instances run as root, the server's user",
                        "set sandbox.run-as (e.g. 65534:65534) and install util-linux's setpriv")
                        : Check.ok("user", "instances run as the server's user")));
        return checks;
    }

    /**
     * Unprivileged bubblewrap needs user namespaces; a kernel switch or an AppArmor rule may forbid
     * them. Moot when the sandbox works, or for root.
     */
    private static Check userNamespaces(Isolation i, Status gap) {
        String name = "user-namespaces";
        if (i.sandboxes()) {
            return Check.ok(name, "available");
        }
        if (i.root()) {
            return Check.ok(name, "not needed: the server runs as root");
        }
        UserNamespaces u = i.userNamespaces();
        if (u.max() != null && u.max() == 0) {
            return new Check(name, gap, "user.max_user_namespaces is 0", "sysctl -w user.max_user_namespaces=10000");
        }
        if (u.unprivilegedClone() != null && u.unprivilegedClone() == 0) {
            return new Check(name, gap, "kernel.unprivileged_userns_clone is 0",
                    "sysctl -w kernel.unprivileged_userns_clone=1");
        }
        if (u.apparmorRestricts() != null && u.apparmorRestricts() != 0) {
            return new Check(name, gap, "AppArmor restricts unprivileged user namespaces",
                    "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or run the server as root");
        }
        return Check.ok(name, "allowed by the kernel");
    }

    static Check runtime(RuntimeFound r) {
        String name = "runtime " + r.runtime();
        return r.executable() ? Check.ok(name, r.path().toString())
                : new Check(name, Status.WARN, r.runtime() + " functions cannot start: " + r.path()
                + " is not an executable", "install it, or set " + r.key());
    }

    static Check dataDir(Store s) {
        String detail = s.dataDir() + (s.exists() ? "" : " (created at start)");
        if (s.writableAncestor() == null) {
            return new Check("data-dir", Status.FAIL, detail + " is not writable",
                    "fix its permissions, or choose another with --data-dir");
        }
        if (s.inUse()) {
            return new Check("data-dir", Status.WARN, detail + "; a server is running on it",
                    "a second server needs another --data-dir");
        }
        return Check.ok("data-dir", detail + ", writable");
    }

    static Check store(Store s) {
        if (!s.databaseExists()) {
            return Check.ok("store", "SQLite " + s.database() + " (created at start)");
        }
        if (s.databaseError() != null) {
            return new Check("store", Status.FAIL, "SQLite " + s.database() + " cannot be read: " + s.databaseError(),
                    "restore it from a backup, or choose another --data-dir");
        }
        return Check.ok("store", "SQLite " + s.database() + " opens");
    }

    static Check disk(Disk d) {
        if (d.freeBytes() < 0) {
            return new Check("disk", Status.WARN, "free space in " + d.dir() + " is unknown", "");
        }
        String free = gibibytes(d.freeBytes()) + " free in " + d.dir();
        if (d.freeBytes() < NO_DISK_BYTES) {
            return new Check("disk", Status.FAIL, free, "free space there, or choose another --data-dir");
        }
        if (d.freeBytes() < LOW_DISK_BYTES) {
            return new Check("disk", Status.WARN, free + "; low", "free space there, or choose another --data-dir");
        }
        return Check.ok("disk", free);
    }

    /** GiB with one decimal: 1610612736 bytes is {@code 1.5 GiB}. */
    static String gibibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static Check port(Port p) {
        String address = p.host() + ":" + p.port();
        if (p.port() == 0) {
            return Check.ok("port", "any free port");
        }
        if (p.bindError() == null) {
            return Check.ok("port", address + " is free");
        }
        if (p.nimbusVersion() != null) {
            return Check.ok("port", "a Nimbus server (" + p.nimbusVersion() + ") answers on " + address);
        }
        return new Check("port", Status.FAIL, address + " is held by another program (" + p.bindError() + ")",
                "stop it, or choose another port with --port");
    }
}
