package dev.nimbus.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection and group set-up on a directory laid out like /sys/fs/cgroup (plain files stand in for the kernel's). */
class CgroupsTest {
    static final String HYBRID = """
            9:name=systemd:/
            8:pids:/
            4:memory:/process_api/abc
            2:cpuacct:/
            1:cpu,cpuacct:/
            0::/
            """;

    @TempDir
    Path mount;

    private void v1Hierarchy() throws IOException {
        for (String controller : List.of("memory/process_api/abc", "pids", "cpu")) {
            Files.createDirectories(mount.resolve(controller));
        }
        Files.writeString(mount.resolve("memory/cgroup.procs"), "");
        Files.writeString(mount.resolve("pids/cgroup.procs"), "");
    }

    @Test
    void theServersOwnGroupIsFoundPerControllerAndForV2() {
        assertThat(Cgroups.ownGroup(HYBRID, "memory")).isEqualTo("/process_api/abc");
        assertThat(Cgroups.ownGroup(HYBRID, "cpu")).as("in a joined list").isEqualTo("/");
        assertThat(Cgroups.ownGroup(HYBRID, "")).isEqualTo("/");
        assertThatThrownBy(() -> Cgroups.ownGroup(HYBRID, "freezer")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void v1GroupsNestUnderTheServersGroupWithTheInstancesLimits() throws Exception {
        v1Hierarchy();

        Cgroups cgroups = Cgroups.detect(mount, HYBRID, 42, "nimbus").orElseThrow();
        Cgroup group = cgroups.create("i-1", 128L << 20, 1024, 128);

        Path memory = mount.resolve("memory/process_api/abc/nimbus/i-1");
        assertThat(Files.readString(memory.resolve("memory.limit_in_bytes"))).isEqualTo("134217728");
        assertThat(Files.readString(mount.resolve("pids/nimbus/i-1/pids.max"))).isEqualTo("1024");
        assertThat(Files.readString(mount.resolve("cpu/nimbus/i-1/cpu.shares"))).as("1,769 MB is one CPU")
                .isEqualTo(Long.toString(128 * 1024 / 1769));
        assertThat(cgroups.describe()).startsWith("cgroup v1");
        assertThat(new Spawner(false, cgroups, null, List.of(), null, null, () -> 0, List.of(), false, "nimbus-test-secrets")
                .command(new LaunchSpec(List.of("/usr/bin/python3", "app.py"), mount, Map.of(), 128, List.of(), true, Map.of(), false),
                        group, InstanceNetwork.shared(() -> 2), null, null))
                .as("joins the group before anything runs").startsWith("/bin/sh", "-c")
                .containsSubsequence("3", memory.toString(), "", "", "/usr/bin/python3", "app.py")
                .as("rlimits set before anything runs").anySatisfy(arg -> assertThat(arg).contains("ulimit -n 1024"));
    }

    @Test
    void anOomKillIsReadFromTheMemoryGroup() throws Exception {
        v1Hierarchy();
        Cgroup group = Cgroups.detect(mount, HYBRID, 42, "nimbus").orElseThrow().create("i-1", 128L << 20, 1024, 128);
        Path oom = mount.resolve("memory/process_api/abc/nimbus/i-1/memory.oom_control");

        Files.writeString(oom, "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        assertThat(group.outOfMemory()).isFalse();
        Files.writeString(oom, "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertThat(group.outOfMemory()).isTrue();
    }

    @Test
    void v2MovesTheServerIntoALeafAndHandsTheControllersDown() throws Exception {
        Files.writeString(mount.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Path own = mount.resolve("system.slice/nimbus.service");
        Files.createDirectories(own);
        Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");

        Cgroups cgroups = Cgroups.detect(mount, "0::/system.slice/nimbus.service\n", 42, "nimbus").orElseThrow();
        cgroups.create("i-1", 256L << 20, 1024, 256);

        assertThat(Files.readString(own.resolve("server/cgroup.procs"))).isEqualTo("42");
        assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(Files.readString(own.resolve("nimbus/cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(Files.readString(own.resolve("nimbus/i-1/memory.max"))).isEqualTo("268435456");
        assertThat(Files.readString(own.resolve("nimbus/i-1/memory.oom.group"))).isEqualTo("1");
        assertThat(cgroups.describe()).startsWith("cgroup v2");
    }

    @Test
    void aHostWithoutMemoryAndPidsControllersHasNoUsableCgroups() throws Exception {
        Files.createDirectories(mount.resolve("unified"));
        Files.writeString(mount.resolve("unified/cgroup.controllers"), "hugetlb\n");

        assertThat(Cgroups.detect(mount, "0::/\n", 42, "nimbus")).isEmpty();
    }

    @Test
    void eachStateDirectoryHasItsOwnParentGroup() {
        assertThat(Spawner.groupName(Path.of("/srv/a/sandbox"))).startsWith("nimbus-").hasSize(19)
                .isNotEqualTo(Spawner.groupName(Path.of("/srv/b/sandbox")))
                .isEqualTo(Spawner.groupName(Path.of("/srv/a/./sandbox")));
    }

    @Test
    void groupNamesCannotReachOutsideTheirParent() throws Exception {
        v1Hierarchy();
        Cgroups cgroups = Cgroups.detect(mount, HYBRID, 42, "nimbus").orElseThrow();

        assertThatThrownBy(() -> cgroups.create("../escape", 1, 1, 128)).isInstanceOf(IllegalArgumentException.class);
    }
}
