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
 * firewall in its network namespace first, refusing this host's own addresses, private and
 * link-local networks (cloud metadata included), loopback beyond its own and IPv6, and allowing
 * only the user-mode NAT's DNS among them; then slirp4netns, a user-mode NAT with the host's
 * loopback disabled, whose default route the instance waits for. Traffic leaves from the host's
 * stack as the server's user, which must be root (joining the sandbox's network namespace).
 */
final class Egress {
    static final Path SLIRP4NETNS = Path.of("/usr/bin/slirp4netns");
    static final Path NFT = Path.of("/usr/sbin/nft");
    static final Path NSENTER = Path.of("/usr/bin/nsenter");
    /** The DNS server slirp4netns offers inside. */
    static final String DNS = "10.0.2.3";
    /**
     * Applied before the route exists, so nothing leaves unfiltered; {@code %s} is the host's own
     * addresses, looked up at each start (slirp4netns connects from the host, so they would reach it).
     */
    static final String RULES = """
            table inet nimbus_egress {
              chain output {
                type filter hook output priority 0; policy accept;
                oifname "lo" accept
                ip daddr %s meta l4proto { tcp, udp } th dport 53 accept
                ip daddr { 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.0.0.0/24, 192.168.0.0/16, 198.18.0.0/15, 224.0.0.0/3 } reject
                ip daddr { %%s } reject
                meta nfproto ipv6 reject
              }
            }
            """.formatted(DNS);
    private static final Pattern NET_NAMESPACE = Pattern.compile("\"net-namespace\"\\s*:\\s*(\\d+)");
    private static final Pattern CHILD_PID = Pattern.compile("\"child-pid\"\\s*:\\s*(\\d+)");
    private static final long WAIT_MILLIS = 5_000;

    private Egress() {
    }

    /** Whether this host has what egress needs. */
    static boolean available() {
        return Files.isExecutable(SLIRP4NETNS) && Files.isExecutable(NFT) && Files.isExecutable(NSENTER);
    }

    /** The firewall of an instance: {@link #RULES} with this host's own IPv4 addresses. */
    static String rules() throws IOException {
        var own = new java.util.TreeSet<String>();
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    own.add(address.getHostAddress());
                }
            }
        }
        own.add("127.0.0.1");
        return RULES.formatted(String.join(", ", own));
    }

    /**
     * Waits for bubblewrap to write the sandbox's process and network namespace ids to {@code info}
     * (its {@code --info-fd}), firewalls that namespace with {@link #rules()} (written to the new
     * file {@code rules} for nft, then removed), and returns the started NAT, which dies with the forking thread and must be destroyed
     * with the instance. Before each step the process must still be alive and in that namespace, so
     * a recycled process id never gets the firewall or the NAT.
     *
     * @param fork starts a process on the thread whose death kills it
     */
    static Process attach(Path info, Path rules, Process sandbox, ProcessStarter fork) throws IOException {
        String[] ids = sandboxIds(info, sandbox);
        long pid = Long.parseLong(ids[0]);
        Files.writeString(rules, rules());
        try {
            requireSame(pid, ids[1], sandbox);
            firewall(pid, rules);
        } finally {
            Files.deleteIfExists(rules);
        }
        requireSame(pid, ids[1], sandbox);
        return fork.start(new ProcessBuilder(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--",
                SLIRP4NETNS.toString(), "--configure", "--mtu=65520", "--disable-host-loopback", "--enable-sandbox",
                Long.toString(pid), "tap0")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    /** Loads {@code rules} into the network namespace of process {@code pid}, within {@link #WAIT_MILLIS}. */
    private static void firewall(long pid, Path rules) throws IOException {
        Process firewall = new ProcessBuilder(NSENTER.toString(), "--net=/proc/" + pid + "/ns/net", NFT.toString(),
                "-f", rules.toString()).redirectErrorStream(true).start();
        var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(firewall.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return e.getMessage();
            }
        }, task -> Thread.ofVirtual().start(task));
        try {
            if (!firewall.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS) || firewall.exitValue() != 0) {
                firewall.destroyForcibly();
                throw new IOException("cannot firewall the instance's network: " + output.completeOnTimeout("(no answer)", 1, TimeUnit.SECONDS).join());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while firewalling an instance's network", e);
        }
    }

    /** Fails unless the sandbox is alive and process {@code pid} is still in network namespace {@code netns}. */
    private static void requireSame(long pid, String netns, Process sandbox) throws IOException {
        String link;
        try {
            link = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
        } catch (IOException e) {
            link = "";
        }
        if (!sandbox.isAlive() || !link.equals("net:[" + netns + "]")) {
            throw new IOException("the instance's sandbox ended while its internet access was being set up");
        }
    }

    /** Starts a process (on a thread of the caller's choosing). */
    interface ProcessStarter {
        Process start(ProcessBuilder builder) throws IOException;
    }

    /** The sandbox's process id and network namespace id, as bubblewrap wrote them. */
    private static String[] sandboxIds(Path info, Process sandbox) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        try {
            while (System.nanoTime() < deadline && sandbox.isAlive()) {
                if (Files.exists(info)) {
                    String text = Files.readString(info, StandardCharsets.UTF_8);
                    Matcher pid = CHILD_PID.matcher(text);
                    Matcher netns = NET_NAMESPACE.matcher(text);
                    if (pid.find() && netns.find()) {
                        return new String[] {pid.group(1), netns.group(1)};
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
