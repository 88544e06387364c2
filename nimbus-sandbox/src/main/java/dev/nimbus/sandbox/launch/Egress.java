package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internet access for an instance whose function opts into it, on top of its own network: a
 * firewall in its network namespace first, refusing this host, private and link-local networks
 * (cloud metadata included), loopback beyond its own and IPv6, and allowing only the user-mode
 * NAT's DNS among them; then slirp4netns, a user-mode NAT with the host's loopback disabled, whose
 * default route the instance waits for. Traffic leaves from the host's stack as the server's user.
 */
final class Egress {
    static final Path SLIRP4NETNS = Path.of("/usr/bin/slirp4netns");
    static final Path NFT = Path.of("/usr/sbin/nft");
    static final Path NSENTER = Path.of("/usr/bin/nsenter");
    /** The DNS server slirp4netns offers inside. */
    static final String DNS = "10.0.2.3";
    /** Applied before the route exists, so nothing leaves unfiltered. */
    static final String RULES = """
            table inet nimbus_egress {
              chain output {
                type filter hook output priority 0; policy accept;
                oifname "lo" accept
                ip daddr %s meta l4proto { tcp, udp } th dport 53 accept
                ip daddr { 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.0.0.0/24, 192.168.0.0/16, 198.18.0.0/15, 224.0.0.0/3 } reject
                meta nfproto ipv6 reject
              }
            }
            """.formatted(DNS);
    private static final Pattern CHILD_PID = Pattern.compile("\"child-pid\"\\s*:\\s*(\\d+)");
    private static final long WAIT_MILLIS = 5_000;

    private Egress() {
    }

    /** Whether this host has what egress needs. */
    static boolean available() {
        return Files.isExecutable(SLIRP4NETNS) && Files.isExecutable(NFT) && Files.isExecutable(NSENTER);
    }

    /**
     * Waits for bubblewrap to write the sandbox's process id to {@code info} (its {@code --info-fd}),
     * firewalls its network namespace with {@code rules}, and returns the started NAT, which dies
     * with the forking thread and must be destroyed with the instance.
     *
     * @param fork starts a process on the thread whose death kills it
     */
    static Process attach(Path info, Path rules, Process sandbox, ProcessStarter fork) throws IOException {
        long pid = childPid(info, sandbox);
        String netns = "--net=/proc/" + pid + "/ns/net";
        Process firewall = new ProcessBuilder(NSENTER.toString(), netns, NFT.toString(), "-f", rules.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(firewall.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!firewall.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS) || firewall.exitValue() != 0) {
                firewall.destroyForcibly();
                throw new IOException("cannot firewall the instance's network: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while firewalling an instance's network", e);
        }
        return fork.start(new ProcessBuilder(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--",
                SLIRP4NETNS.toString(), "--configure", "--mtu=65520", "--disable-host-loopback", "--enable-sandbox",
                Long.toString(pid), "tap0")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    /** Starts a process (on a thread of the caller's choosing). */
    interface ProcessStarter {
        Process start(ProcessBuilder builder) throws IOException;
    }

    private static long childPid(Path info, Process sandbox) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        try {
            while (System.nanoTime() < deadline && sandbox.isAlive()) {
                if (Files.exists(info)) {
                    Matcher m = CHILD_PID.matcher(Files.readString(info, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return Long.parseLong(m.group(1));
                    }
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an instance's sandbox", e);
        } finally {
            Files.deleteIfExists(info);
        }
        throw new IOException("the instance's sandbox did not say its process id");
    }
}
