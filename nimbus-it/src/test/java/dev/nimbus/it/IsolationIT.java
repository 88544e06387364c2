package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile functions against a real server (reliability-security.md §5.5): what each instance's
 * cgroup must contain. Where the host offers no usable cgroups the tests are skipped, saying so.
 */
class IsolationIT {
    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        String limits = api.get("/api/v1/status").json().path("limits").asText();
        Assumptions.assumeTrue(limits.startsWith("cgroup"), "this host offers no usable cgroups (status: limits="
                + limits + "); the isolation checks need them");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void deploy(String name, String code, int memoryMb) {
        var config = Api.config("python3", "app.handler", "memoryMb", memoryMb, "timeoutSeconds", 20);
        var response = api.deploy(name, Zips.of(Map.of("app.py", code)), config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    @Test
    void aMemoryHogIsKilledAtItsMemorySettingAndReportedOutOfMemory() throws Exception {
        deploy("memory-hog", """
                def handler(event, context):
                    hog = []
                    while True:
                        hog.append(bytearray(8 * 1024 * 1024))
                """, 128);

        var response = api.invoke("memory-hog", "{}");

        assertThat(response.body()).contains("\"errorType\":\"Runtime.OutOfMemory\"", "signal: killed");
        deploy("memory-ok", "def handler(event, context):\n    return len(bytearray(64 * 1024 * 1024))\n", 256);
        assertThat(api.invoke("memory-ok", "{}").body()).as("a function within its memory").isEqualTo("67108864");
    }

    @Test
    void aForkBombIsStoppedAtThePidLimitWhileTheServerAndANeighbourKeepAnswering() throws Exception {
        deploy("fork-bomb", """
                import os, time
                def handler(event, context):
                    children = 0
                    try:
                        while True:
                            if os.fork() == 0:
                                os.execv("/bin/sleep", ["sleep", "30"])
                            children += 1
                    except OSError as e:
                        return {"children": children, "error": e.strerror}
                """, 1024);
        deploy("neighbour", "def handler(event, context):\n    return 'still here'\n", 128);

        var bomb = api.invoke("fork-bomb", "{}");

        assertThat(bomb.status()).as(bomb.body()).isEqualTo(200);
        assertThat(bomb.json().has("children")).as(bomb.body()).isTrue();
        assertThat(bomb.json().get("children").asInt()).isLessThan(1024);
        assertThat(bomb.json().get("error").asText()).contains("Resource temporarily unavailable");
        assertThat(api.invoke("neighbour", "{}").body()).isEqualTo("\"still here\"");
        assertThat(api.get("/api/v1/status").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/functions/fork-bomb").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.of("fork-bomb")).isEmpty());
    }

    @Test
    void processesThatEscapeTheTreeWithDoubleForkAndSetsidDieWithTheirInstance() throws Exception {
        deploy("escaper", """
                import os, subprocess
                def handler(event, context):
                    if os.fork() == 0:
                        os.setsid()
                        if os.fork() == 0:
                            subprocess.Popen(["sleep", "600"], start_new_session=True)
                            os._exit(0)
                        os._exit(0)
                    return "escaped"
                """, 128);

        assertThat(api.invoke("escaper", "{}").body()).isEqualTo("\"escaped\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> Orphans.of("escaper").size() >= 2);

        assertThat(api.delete("/api/v1/functions/escaper").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.of("escaper")).isEmpty());
    }

    @Test
    void aServerThatRequiresIsolationStartsWhereBubblewrapAndCgroupsAreUsable(@TempDir Path other) throws Exception {
        Assumptions.assumeTrue(api.get("/api/v1/status").json().path("isolation").asText().equals("pid-namespace"),
                "bubblewrap is not usable here");
        try (var strict = NimbusProcess.start(other, "isolation=required")) {
            assertThat(new Api(strict.url()).get("/api/v1/status").json().path("limits").asText()).startsWith("cgroup");
        }
    }

    @Test
    void anInstanceHasNoCapabilitiesRunsUnderTheSeccompFilterAndItsRlimits() throws Exception {
        Assumptions.assumeTrue(api.get("/api/v1/status").json().path("isolation").asText().equals("pid-namespace"),
                "bubblewrap is not usable here");
        deploy("prober", """
                import ctypes, resource
                def handler(event, context):
                    libc = ctypes.CDLL(None, use_errno=True)
                    out = {}
                    for name, call in [("unshare", lambda: libc.unshare(0x10000000)),
                                       ("ptrace", lambda: libc.ptrace(0, 0, 0, 0)),
                                       ("mount", lambda: libc.mount(b"none", b"/mnt", b"tmpfs", 0, None))]:
                        ctypes.set_errno(0)
                        out[name] = [call(), ctypes.get_errno()]
                    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
                    out["CapEff"] = status["CapEff"].strip()
                    out["Seccomp"] = status["Seccomp"].strip()
                    out["NoNewPrivs"] = status["NoNewPrivs"].strip()
                    out["CapPrm"] = status["CapPrm"].strip()
                    out["Uid"] = status["Uid"].split()
                    out["Groups"] = status["Groups"].split()
                    out["nofile"] = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
                    out["core"] = resource.getrlimit(resource.RLIMIT_CORE)[0]
                    return out
                """, 128);

        var probe = api.invoke("prober", "{}").json();

        assertThat(probe.get("unshare").toString()).as("unshare → EPERM").isEqualTo("[-1,1]");
        assertThat(probe.get("ptrace").toString()).isEqualTo("[-1,1]");
        assertThat(probe.get("mount").toString()).isEqualTo("[-1,1]");
        assertThat(probe.get("CapEff").asText()).isEqualTo("0000000000000000");
        assertThat(probe.get("CapPrm").asText()).isEqualTo("0000000000000000");
        if (!api.get("/api/v1/status").json().path("user").asText().equals("server")) {
            assertThat(probe.get("Uid").toString()).as("real, effective, saved, fs uid: sandbox.run-as")
                    .isEqualTo("[\"65534\",\"65534\",\"65534\",\"65534\"]");
            assertThat(probe.get("Groups").toString()).as("no supplementary groups").isEqualTo("[]");
        }
        assertThat(probe.get("Seccomp").asText()).as("filter mode").isEqualTo("2");
        assertThat(probe.get("NoNewPrivs").asText()).isEqualTo("1");
        assertThat(probe.get("nofile").asInt()).isEqualTo(1024);
        assertThat(probe.get("core").asInt()).isZero();
    }

    @Test
    void anInstanceSeesNeitherTheDataDirectoryNorOtherCodeNorTheHostsSecretsAndWritesOnlyItsOwnTmp() throws Exception {
        Assumptions.assumeTrue(api.get("/api/v1/status").json().path("isolation").asText().equals("pid-namespace"),
                "bubblewrap is not usable here");
        String probe = """
                import json, os
                def handler(event, context):
                    out = {}
                    for name, path in event["read"].items():
                        try:
                            with open(path, "rb") as f:
                                f.read(1)
                            out[name] = "read"
                        except OSError as e:
                            out[name] = e.strerror
                    for name, path in event["write"].items():
                        try:
                            with open(path, "w") as f:
                                f.write("x")
                            out[name] = "written"
                        except OSError as e:
                            out[name] = e.strerror
                    out["tmp"] = sorted(os.listdir("/tmp"))
                    out["task"] = os.getcwd()
                    return out
                """;
        deploy("fs-a", probe, 128);
        deploy("fs-b", probe + "# another archive, unpacked elsewhere\n", 128);
        var a = api.invoke("fs-a", "{\"read\": {}, \"write\": {\"mark\": \"/tmp/from-a\"}}").json();
        assertThat(a.get("task").asText()).as("its code, where Lambda has it").isEqualTo("/var/task");
        // where the host keeps fs-a's code
        String codeOfA = data.resolve("code/unpacked/" + api.get("/api/v1/functions/fs-a").json().get("codeSha256")
                .asText()).toString();
        assertThat(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(codeOfA, "app.py"))).isTrue();

        var b = api.invoke("fs-b", Api.JSON.writeValueAsString(java.util.Map.of(
                "read", java.util.Map.of("secretsKey", data.resolve("secrets.key").toString(),
                        "eventsKey", data.resolve("events.key").toString(),
                        "database", data.resolve("nimbus.db").toString(),
                        "otherCode", codeOfA + "/app.py",
                        "shadow", "/etc/shadow", "rootHome", "/root/.bashrc"),
                "write", java.util.Map.of("code", "app.py", "usr", "/usr/nimbus-probe", "etc", "/etc/nimbus-probe",
                        "tmpFile", "/tmp/from-b")))).json();

        for (String secret : new String[] {"secretsKey", "eventsKey", "database", "otherCode", "shadow", "rootHome"}) {
            assertThat(b.get(secret).asText()).as(secret).isEqualTo("No such file or directory");
        }
        assertThat(b.get("code").asText()).as("its own code").isEqualTo("Read-only file system");
        assertThat(b.get("usr").asText()).isEqualTo("Read-only file system");
        assertThat(b.get("etc").asText()).isEqualTo("Read-only file system");
        assertThat(b.get("tmpFile").asText()).isEqualTo("written");
        assertThat(api.invoke("fs-b", "{\"read\": {}, \"write\": {}}").json().get("tmp").toString())
                .as("fs-a's /tmp is its own").doesNotContain("from-a").contains("from-b");
    }

    @Test
    void anInstanceReachesItsOwnRuntimeApiAndTheServicesForFunctionsButNothingElseOnTheHost() throws Exception {
        Assumptions.assumeTrue(api.get("/api/v1/status").json().path("network").asText().equals("isolated"),
                "instances share the host's network here (bubblewrap or socat missing)");
        deploy("net-probe", """
                import os, socket, urllib.request, urllib.error
                def handler(event, context):
                    out = {"reached": []}
                    for host, port in event["targets"]:
                        family = socket.AF_INET6 if ":" in host else socket.AF_INET
                        s = socket.socket(family, socket.SOCK_STREAM)
                        s.settimeout(2)
                        try:
                            s.connect((host, port))
                            out["reached"].append("%s:%d" % (host, port))
                        except OSError:
                            pass
                        finally:
                            s.close()
                    out["sockets"] = sorted(os.listdir("/run/nimbus"))
                    try:
                        urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL_S3"].replace("/s3", "/api/v1/functions"), timeout=5)
                        out["management"] = 200
                    except urllib.error.HTTPError as e:
                        out["management"] = e.code
                    out["runtimeApi"] = os.environ["AWS_LAMBDA_RUNTIME_API"]
                    return out
                """, 128);
        deploy("net-neighbour", "def handler(event, context):\n    return 'here'\n", 128);
        assertThat(api.invoke("net-neighbour", "{}").body()).isEqualTo("\"here\"");
        var targets = new java.util.ArrayList<java.util.List<Object>>();
        int serverPort = java.net.URI.create(server.url()).getPort();
        targets.add(java.util.List.of("127.0.0.1", serverPort));
        targets.add(java.util.List.of("::1", serverPort));
        targets.add(java.util.List.of("169.254.169.254", 80));
        for (var address : hostAddresses()) {
            targets.add(java.util.List.of(address, serverPort));
        }
        for (int port : listeningPorts()) { // the neighbour's Runtime API, the database, every host service
            targets.add(java.util.List.of("127.0.0.1", port));
        }
        targets.add(java.util.List.of("127.0.0.1", 9001));
        targets.add(java.util.List.of("127.0.0.1", 9002));

        var probe = api.invoke("net-probe", Api.JSON.writeValueAsString(java.util.Map.of("targets", targets))).json();

        // its own services relay, and its own Runtime API's where a sandbox started ahead runs it (Nimbus's
        // runtimes reach the Runtime API by its socket, provided ones by that relay)
        assertThat(probe.get("reached").toString()).as("only its own relays, of " + targets.size() + " targets")
                .isIn("[\"127.0.0.1:9002\"]", "[\"127.0.0.1:9001\",\"127.0.0.1:9002\"]");
        assertThat(probe.get("sockets").toString()).as("its own sockets, and a started-ahead sandbox's pipes and code")
                .isIn("[\"api.sock\",\"services.sock\"]", "[\"api.sock\",\"go\",\"out\",\"services.sock\",\"task\"]");
        assertThat(probe.get("management").asInt()).as("the services listener has no management API").isIn(401, 404);
        assertThat(probe.get("runtimeApi").asText()).isEqualTo("127.0.0.1:9001");
    }

    @Test
    void aFunctionThatOptsIntoEgressReachesTheInternetButNeitherThisHostNorPrivateNetworks() throws Exception {
        Assumptions.assumeTrue(api.get("/api/v1/status").json().path("egress").asText().equals("available"),
                "egress is unavailable here (slirp4netns or nftables missing)");
        String code = """
                import socket
                def handler(event, context):
                    out = {"reached": [], "resolved": []}
                    for host, port in event["targets"]:
                        try:
                            with socket.create_connection((host, port), timeout=3):
                                out["reached"].append("%s:%d" % (host, port))
                        except OSError:
                            pass
                    for name in event["names"]:
                        try:
                            socket.getaddrinfo(name, 80)
                            out["resolved"].append(name)
                        except OSError:
                            pass
                    return out
                """;
        var config = Api.config("python3", "app.handler", "timeoutSeconds", 60);
        config.put("egress", true);
        var deployed = api.deploy("egress-probe", Zips.of(Map.of("app.py", code)), config);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.json().get("egress").asBoolean()).isTrue();
        deploy("no-egress-probe", code, 128);
        int serverPort = java.net.URI.create(server.url()).getPort();
        // a service of this host listening on all its addresses, as sshd or a database may
        var hostService = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("0.0.0.0"));
        Thread.ofVirtual().start(() -> {
            while (!hostService.isClosed()) {
                try {
                    hostService.accept().close();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        var targets = new java.util.ArrayList<java.util.List<Object>>(java.util.List.of(
                java.util.List.of("127.0.0.1", serverPort), java.util.List.of("10.0.2.2", serverPort),
                java.util.List.of("10.0.2.2", hostService.getLocalPort()), java.util.List.of("169.254.169.254", 80)));
        for (var address : hostAddresses()) {
            if (!address.contains(":")) {
                targets.add(java.util.List.of(address, hostService.getLocalPort()));
            }
        }
        String outside = "deb.debian.org"; // the host reaches it for its packages
        boolean hostReachesOutside = reachable(outside, 80);
        targets.add(java.util.List.of(outside, 80));
        String event = Api.JSON.writeValueAsString(Map.of("targets", targets, "names", java.util.List.of(outside)));

        var egress = api.invoke("egress-probe", event).json();
        var none = api.invoke("no-egress-probe", event).json();
        hostService.close();

        assertThat(egress.get("reached").toString()).as("this host, its networks and metadata are refused")
                .isEqualTo(hostReachesOutside ? "[\"" + outside + ":80\"]" : "[]");
        if (hostReachesOutside) {
            assertThat(egress.get("resolved").toString()).isEqualTo("[\"" + outside + "\"]");
        }
        assertThat(none.get("reached").toString()).as("no egress by default").isEqualTo("[]");
        assertThat(none.get("resolved").toString()).isEqualTo("[]");
    }

    private static boolean reachable(String host, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 3000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The host's own non-loopback addresses. */
    private static java.util.List<String> hostAddresses() throws Exception {
        var addresses = new java.util.ArrayList<String>();
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    addresses.add(address.getHostAddress().replaceAll("%.*", ""));
                }
            }
        }
        return addresses;
    }

    /** Every TCP port listening on this host (IPv4 and IPv6), from /proc/net. */
    private static java.util.Set<Integer> listeningPorts() throws Exception {
        var ports = new java.util.TreeSet<Integer>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A")) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
