package dev.nimbus.sandbox.launch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp filter every instance runs under, as the classic BPF program bubblewrap loads with
 * {@code --seccomp FD} (reliability-security.md §4.4). It denies with {@code EPERM} the system calls
 * a function never needs and that widen an escape: tracing other processes, mounting, namespaces,
 * kernel keyrings, BPF, perf, userfaultfd, io_uring, modules, kexec, clocks, swap, reboot, and
 * {@code ioctl(TIOCSTI)} (typing into a terminal). {@code clone} with namespace flags is denied too;
 * {@code clone3}, whose flags a filter cannot read, answers {@code ENOSYS}, so that C libraries fall
 * back to {@code clone}. Calls of another architecture (32-bit or x32 calls from a 64-bit process)
 * are denied whole, since their numbers differ. Everything else is allowed.
 *
 * <p>Threading: immutable.
 */
public final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int TIOCSTI = 0x5412;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME. */
    private static final int CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000 | 0x00000080;
    // BPF opcodes and the offsets of struct seccomp_data
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    private static final int NR = 0;
    private static final int ARCH = 4;
    private static final int ARG0 = 16;
    private static final int ARG1 = 24;

    private static final List<String> DENIED = List.of("ptrace", "process_vm_readv", "process_vm_writev", "mount",
            "umount2", "pivot_root", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf", "perf_event_open",
            "userfaultfd", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
            "open_by_handle_at", "name_to_handle_at", "swapon", "swapoff", "reboot", "acct", "quotactl",
            "io_uring_setup", "io_uring_enter", "io_uring_register", "fanotify_init", "syslog", "vhangup",
            "clock_settime", "settimeofday", "clock_adjtime", "adjtimex", "open_tree", "move_mount", "fsopen",
            "fsconfig", "fsmount", "fspick", "mount_setattr");

    /** System call numbers per architecture, for the calls the filter looks at. */
    private static final Map<String, Map<String, Integer>> NUMBERS = Map.of(
            "x86_64", Map.ofEntries(Map.entry("ptrace", 101), Map.entry("process_vm_readv", 310),
                    Map.entry("process_vm_writev", 311), Map.entry("mount", 165), Map.entry("umount2", 166),
                    Map.entry("pivot_root", 155), Map.entry("unshare", 272), Map.entry("setns", 308),
                    Map.entry("keyctl", 250), Map.entry("add_key", 248), Map.entry("request_key", 249),
                    Map.entry("bpf", 321), Map.entry("perf_event_open", 298), Map.entry("userfaultfd", 323),
                    Map.entry("kexec_load", 246), Map.entry("kexec_file_load", 320), Map.entry("init_module", 175),
                    Map.entry("finit_module", 313), Map.entry("delete_module", 176),
                    Map.entry("open_by_handle_at", 304), Map.entry("name_to_handle_at", 303), Map.entry("swapon", 167),
                    Map.entry("swapoff", 168), Map.entry("reboot", 169), Map.entry("acct", 163),
                    Map.entry("quotactl", 179), Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426),
                    Map.entry("io_uring_register", 427), Map.entry("fanotify_init", 300), Map.entry("syslog", 103),
                    Map.entry("vhangup", 153), Map.entry("clock_settime", 227), Map.entry("settimeofday", 164),
                    Map.entry("clock_adjtime", 305), Map.entry("adjtimex", 159), Map.entry("open_tree", 428),
                    Map.entry("move_mount", 429), Map.entry("fsopen", 430), Map.entry("fsconfig", 431),
                    Map.entry("fsmount", 432), Map.entry("fspick", 433), Map.entry("mount_setattr", 442),
                    Map.entry("ioctl", 16), Map.entry("clone", 56), Map.entry("clone3", 435)),
            "aarch64", Map.ofEntries(Map.entry("ptrace", 117), Map.entry("process_vm_readv", 270),
                    Map.entry("process_vm_writev", 271), Map.entry("mount", 40), Map.entry("umount2", 39),
                    Map.entry("pivot_root", 41), Map.entry("unshare", 97), Map.entry("setns", 268),
                    Map.entry("keyctl", 219), Map.entry("add_key", 217), Map.entry("request_key", 218),
                    Map.entry("bpf", 280), Map.entry("perf_event_open", 241), Map.entry("userfaultfd", 282),
                    Map.entry("kexec_load", 104), Map.entry("kexec_file_load", 294), Map.entry("init_module", 105),
                    Map.entry("finit_module", 273), Map.entry("delete_module", 106),
                    Map.entry("open_by_handle_at", 265), Map.entry("name_to_handle_at", 264), Map.entry("swapon", 224),
                    Map.entry("swapoff", 225), Map.entry("reboot", 142), Map.entry("acct", 89),
                    Map.entry("quotactl", 60), Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426),
                    Map.entry("io_uring_register", 427), Map.entry("fanotify_init", 262), Map.entry("syslog", 116),
                    Map.entry("vhangup", 58), Map.entry("clock_settime", 112), Map.entry("settimeofday", 170),
                    Map.entry("clock_adjtime", 266), Map.entry("adjtimex", 171), Map.entry("open_tree", 428),
                    Map.entry("move_mount", 429), Map.entry("fsopen", 430), Map.entry("fsconfig", 431),
                    Map.entry("fsmount", 432), Map.entry("fspick", 433), Map.entry("mount_setattr", 442),
                    Map.entry("ioctl", 29), Map.entry("clone", 220), Map.entry("clone3", 435)));

    private SeccompFilter() {
    }

    /** The filter for the machine this runs on; empty on an architecture it does not know. */
    public static Optional<byte[]> forThisMachine() {
        return program(System.getProperty("os.arch").toLowerCase(Locale.ROOT).replace("amd64", "x86_64"));
    }

    /** The filter for {@code arch} ({@code x86_64} or {@code aarch64}), as bytes of {@code struct sock_filter}. */
    static Optional<byte[]> program(String arch) {
        Map<String, Integer> nr = NUMBERS.get(arch);
        if (nr == null) {
            return Optional.empty();
        }
        List<int[]> p = new ArrayList<>();
        p.add(load(ARCH));
        p.add(jump(JEQ_K, arch.equals("x86_64") ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64, 1, 0));
        p.add(ret(RET_ERRNO | EPERM));
        p.add(load(NR));
        if (arch.equals("x86_64")) {
            p.add(jump(JGE_K, X32_SYSCALL_BIT, 0, 1));
            p.add(ret(RET_ERRNO | EPERM));
        }
        for (String call : DENIED) {
            p.add(jump(JEQ_K, nr.get(call), 0, 1));
            p.add(ret(RET_ERRNO | EPERM));
        }
        p.add(jump(JEQ_K, nr.get("clone3"), 0, 1));
        p.add(ret(RET_ERRNO | ENOSYS));
        p.add(jump(JEQ_K, nr.get("clone"), 0, 4));
        p.add(load(ARG0));
        p.add(jump(JSET_K, CLONE_NAMESPACES, 0, 1));
        p.add(ret(RET_ERRNO | EPERM));
        p.add(ret(RET_ALLOW));
        p.add(jump(JEQ_K, nr.get("ioctl"), 0, 4));
        p.add(load(ARG1));
        p.add(jump(JEQ_K, TIOCSTI, 0, 1));
        p.add(ret(RET_ERRNO | EPERM));
        p.add(ret(RET_ALLOW));
        p.add(ret(RET_ALLOW));
        ByteBuffer bytes = ByteBuffer.allocate(p.size() * 8).order(ByteOrder.nativeOrder());
        for (int[] insn : p) {
            bytes.putShort((short) insn[0]).put((byte) insn[1]).put((byte) insn[2]).putInt(insn[3]);
        }
        return Optional.of(bytes.array());
    }

    private static int[] load(int offset) {
        return new int[] {LD_W_ABS, 0, 0, offset};
    }

    private static int[] jump(short op, int k, int ifTrue, int ifFalse) {
        return new int[] {op, ifTrue, ifFalse, k};
    }

    private static int[] ret(int value) {
        return new int[] {RET_K, 0, 0, value};
    }
}
