package dev.nimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.server.Diagnosis.Check;
import dev.nimbus.server.Diagnosis.Isolation;
import dev.nimbus.server.Diagnosis.Status;
import dev.nimbus.server.Diagnosis.UserNamespaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The doctor's verdicts over stated facts: no machine is probed here. */
class DiagnosisTest {
    private static final UserNamespaces OPEN = new UserNamespaces(10000, null, null);
    private static final Isolation FULL = new Isolation(false, true, true, true, OPEN, Optional.of("cgroup v2"), true, true,
            true, true, Optional.of("65534:65534"));
    private static final Diagnosis.Store FRESH = new Diagnosis.Store(Path.of("/srv/nimbus"), false, Path.of("/srv"), false,
            Path.of("/srv/nimbus/nimbus.db"), false, null);

    private static Map<String, Check> byName(List<Check> checks) {
        return checks.stream().collect(Collectors.toMap(Check::name, Function.identity()));
    }

    @Test
    void aFullyEquippedMachineIsAllOkWithoutHints() {
        var facts = new Diagnosis.Facts(
                new Diagnosis.JavaFacts("25.0.1+8", 25, "/usr/lib/jvm/temurin-25", null, false, null), FULL,
                List.of(new Diagnosis.RuntimeFound("python3", Path.of("/usr/bin/python3"), true, "runtimes.python")),
                FRESH, new Diagnosis.Disk(Path.of("/srv"), 50L << 30), new Diagnosis.Port("127.0.0.1", 8080, null, null));

        List<Check> checks = Diagnosis.checks(facts);

        assertThat(checks).extracting(Check::name).containsExactly("java", "java-home", "config", "bubblewrap", "user-namespaces",
                "cgroups", "seccomp", "socat", "network", "egress", "user", "runtime python3", "data-dir", "store", "disk",
                "port");
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.status()).as(c.name()).isEqualTo(Status.OK);
            assertThat(c.hint()).as(c.name()).isEmpty();
        });
    }

    @Test
    void javaBelow25FailsAndAJavaHomeThatScriptWouldPassOverWarns() {
        record Row(int feature, String variable, boolean hasJava, String homeVersion, Status java, Status home) {
        }
        for (Row row : List.of(
                new Row(25, null, false, null, Status.OK, Status.OK),
                new Row(26, "/opt/jdk26", true, "26", Status.OK, Status.OK),
                new Row(21, "/opt/jdk21", true, "21.0.4", Status.FAIL, Status.WARN),
                new Row(25, "/opt/old", true, "1.8.0_392", Status.OK, Status.WARN),
                new Row(25, "/opt/missing", false, null, Status.OK, Status.WARN),
                new Row(25, "/opt/unknown", true, null, Status.OK, Status.OK))) {
            var checks = Diagnosis.java(new Diagnosis.JavaFacts(row.feature() + ".0.1", row.feature(), "/jdk",
                    row.variable(), row.hasJava(), row.homeVersion()));
            assertThat(checks.get(0).status()).as(row.toString()).isEqualTo(row.java());
            assertThat(checks.get(1).status()).as(row.toString()).isEqualTo(row.home());
            assertThat(checks).filteredOn(c -> c.status() != Status.OK).allSatisfy(c -> assertThat(c.hint()).contains("JDK 25"));
        }
    }

    @Test
    void isolationGapsWarnByDefaultFailWhenRequiredAndSayWhatToInstall() {
        var noBwrap = new Isolation(false, true, false, false, OPEN, Optional.empty(), false, false, false, false,
                Optional.empty());
        var best = byName(Diagnosis.isolation(noBwrap));
        var required = byName(Diagnosis.isolation(new Isolation(true, true, false, false, OPEN, Optional.empty(), false,
                false, false, false, Optional.empty())));

        assertThat(best.get("bubblewrap").status()).isEqualTo(Status.WARN);
        assertThat(best.get("bubblewrap").hint()).isEqualTo("apt-get install bubblewrap");
        assertThat(best.get("cgroups").status()).isEqualTo(Status.WARN);
        assertThat(best.get("network").hint()).isEqualTo("apt-get install bubblewrap socat");
        assertThat(best.get("user").status()).as("root without run-as").isEqualTo(Status.WARN);
        assertThat(required.get("bubblewrap").status()).isEqualTo(Status.FAIL);
        assertThat(required.get("cgroups").status()).isEqualTo(Status.FAIL);
        assertThat(required.get("network").status()).isEqualTo(Status.FAIL);
        assertThat(required.get("egress").status()).as("egress is opt-in: never more than a warning").isEqualTo(Status.WARN);
    }

    @Test
    void aBubblewrapThatCannotSandboxPointsAtTheKernelSwitchThatForbidsIt() {
        record Row(UserNamespaces namespaces, Status status, String hint) {
        }
        for (Row row : List.of(
                new Row(new UserNamespaces(0, null, null), Status.WARN, "sysctl -w user.max_user_namespaces=10000"),
                new Row(new UserNamespaces(100, 0, null), Status.WARN, "sysctl -w kernel.unprivileged_userns_clone=1"),
                new Row(new UserNamespaces(100, 1, 1), Status.WARN, "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"),
                new Row(new UserNamespaces(100, 1, 0), Status.OK, ""),
                new Row(new UserNamespaces(null, null, null), Status.OK, ""))) {
            var checks = byName(Diagnosis.isolation(new Isolation(false, false, true, false, row.namespaces(),
                    Optional.empty(), false, true, false, false, Optional.empty())));
            assertThat(checks.get("bubblewrap").detail()).contains("installed but could not make a sandbox");
            assertThat(checks.get("user-namespaces").status()).as(row.toString()).isEqualTo(row.status());
            assertThat(checks.get("user-namespaces").hint()).as(row.toString()).startsWith(row.hint());
        }
        var working = byName(Diagnosis.isolation(new Isolation(false, false, true, true, new UserNamespaces(0, 0, 1),
                Optional.empty(), true, true, true, false, Optional.empty())));
        assertThat(working.get("user-namespaces").status()).as("the sandbox works, whatever the switches say")
                .isEqualTo(Status.OK);
    }

    @Test
    void socatMissingIsAGapOnlyWhereBubblewrapWorks() {
        var withBwrap = byName(Diagnosis.isolation(new Isolation(true, true, true, true, OPEN, Optional.of("v2"), true,
                false, false, false, Optional.of("65534:65534"))));
        var without = byName(Diagnosis.isolation(new Isolation(true, true, false, false, OPEN, Optional.of("v2"), false,
                false, false, false, Optional.of("65534:65534"))));

        assertThat(withBwrap.get("socat").status()).isEqualTo(Status.FAIL);
        assertThat(withBwrap.get("socat").hint()).isEqualTo("apt-get install socat");
        assertThat(withBwrap.get("network").hint()).isEqualTo("apt-get install socat");
        assertThat(without.get("socat").status()).isEqualTo(Status.WARN);
    }

    @Test
    void storeAndDataDirectory() {
        var existing = new Diagnosis.Store(Path.of("/srv/nimbus"), true, Path.of("/srv/nimbus"), false,
                Path.of("/srv/nimbus/nimbus.db"), true, null);
        var corrupt = new Diagnosis.Store(Path.of("/srv/nimbus"), true, Path.of("/srv/nimbus"), false,
                Path.of("/srv/nimbus/nimbus.db"), true, "file is not a database");
        var readOnly = new Diagnosis.Store(Path.of("/srv/nimbus"), false, null, false, Path.of("/srv/nimbus/nimbus.db"),
                false, null);
        var inUse = new Diagnosis.Store(Path.of("/srv/nimbus"), true, Path.of("/srv/nimbus"), true,
                Path.of("/srv/nimbus/nimbus.db"), true, null);

        assertThat(Diagnosis.store(FRESH)).isEqualTo(Check.ok("store", "SQLite /srv/nimbus/nimbus.db (created at start)"));
        assertThat(Diagnosis.store(existing)).isEqualTo(Check.ok("store", "SQLite /srv/nimbus/nimbus.db opens"));
        assertThat(Diagnosis.store(corrupt).status()).isEqualTo(Status.FAIL);
        assertThat(Diagnosis.store(corrupt).detail()).endsWith("cannot be read: file is not a database");
        assertThat(Diagnosis.dataDir(FRESH).detail()).isEqualTo("/srv/nimbus (created at start), writable");
        assertThat(Diagnosis.dataDir(readOnly).status()).isEqualTo(Status.FAIL);
        assertThat(Diagnosis.dataDir(readOnly).hint()).contains("--data-dir");
        assertThat(Diagnosis.dataDir(inUse).status()).isEqualTo(Status.WARN);
    }

    @Test
    void diskWarnsUnderOneGibibyteAndFailsUnder64Mebibytes() {
        record Row(long free, Status status, String detail) {
        }
        for (Row row : List.of(
                new Row(50L << 30, Status.OK, "50.0 GiB free in /srv"),
                new Row(1L << 30, Status.OK, "1.0 GiB free in /srv"),
                new Row((1L << 30) - 1, Status.WARN, "1.0 GiB free in /srv; low"),
                new Row(512L << 20, Status.WARN, "0.5 GiB free in /srv; low"),
                new Row(64L << 20, Status.WARN, "0.1 GiB free in /srv; low"),
                new Row((64L << 20) - 1, Status.FAIL, "0.1 GiB free in /srv"),
                new Row(-1, Status.WARN, "free space in /srv is unknown"))) {
            Check disk = Diagnosis.disk(new Diagnosis.Disk(Path.of("/srv"), row.free()));
            assertThat(disk.status()).as(row.toString()).isEqualTo(row.status());
            assertThat(disk.detail()).as(row.toString()).isEqualTo(row.detail());
        }
    }

    @Test
    void aTakenPortIsFineWhenANimbusServerAnswersThereAndFailsOtherwise() {
        assertThat(Diagnosis.port(new Diagnosis.Port("127.0.0.1", 0, null, null)).status()).isEqualTo(Status.OK);
        assertThat(Diagnosis.port(new Diagnosis.Port("127.0.0.1", 8080, null, null)).detail())
                .isEqualTo("127.0.0.1:8080 is free");
        assertThat(Diagnosis.port(new Diagnosis.Port("127.0.0.1", 8080, "Address already in use", "0.1.0")))
                .isEqualTo(Check.ok("port", "a Nimbus server (0.1.0) answers on 127.0.0.1:8080"));
        Check foreign = Diagnosis.port(new Diagnosis.Port("127.0.0.1", 8080, "Address already in use", null));
        assertThat(foreign.status()).isEqualTo(Status.FAIL);
        assertThat(foreign.detail()).isEqualTo("127.0.0.1:8080 is held by another program (Address already in use)");
        assertThat(foreign.hint()).contains("--port");
    }

    @Test
    void aMissingRuntimeWarnsWithTheKeyThatNamesIt() {
        Check node = Diagnosis.runtime(new Diagnosis.RuntimeFound("nodejs", Path.of("/usr/bin/node"), false, "runtimes.node"));

        assertThat(node.status()).isEqualTo(Status.WARN);
        assertThat(node.detail()).isEqualTo("nodejs functions cannot start: /usr/bin/node is not an executable");
        assertThat(node.hint()).isEqualTo("install it, or set runtimes.node");
    }

    @Test
    void versionsMajorNumbers() {
        assertThat(Diagnosis.major("25.0.1")).isEqualTo(25);
        assertThat(Diagnosis.major("1.8.0_392")).isEqualTo(8);
        assertThat(Diagnosis.major("21")).isEqualTo(21);
        assertThat(Diagnosis.major("")).isZero();
    }
}
