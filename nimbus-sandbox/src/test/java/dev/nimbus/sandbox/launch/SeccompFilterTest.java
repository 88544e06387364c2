package dev.nimbus.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter's program, run here by a small interpreter of the classic BPF instructions it uses,
 * against the system calls it must deny and some it must allow.
 */
class SeccompFilterTest {
    static final int X86_64 = 0xC000003E;
    static final int ALLOW = 0x7fff0000;
    static final int EPERM = 0x00050001;

    /** Runs the program on one seccomp_data: nr, arch, and the low words of args 0 and 1. */
    static int run(byte[] program, int nr, int arch, int arg0, int arg1) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int a = 0;
        int pc = 0;
        while (true) {
            short op = code.getShort(pc * 8);
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> {
                    a = switch (k) {
                        case 0 -> nr;
                        case 4 -> arch;
                        case 16 -> arg0;
                        case 24 -> arg1;
                        default -> throw new AssertionError("unexpected load of offset " + k);
                    };
                    pc++;
                }
                case 0x15 -> pc += 1 + (a == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(a, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((a & k) != 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
        }
    }

    private final byte[] program = SeccompFilter.program("x86_64").orElseThrow();

    @Test
    void dangerousCallsAreDeniedAndOrdinaryOnesAllowed() {
        List<Integer> denied = new ArrayList<>();
        for (int nr : new int[] {101, 165, 272, 308, 321, 425, 250}) { // ptrace mount unshare setns bpf io_uring keyctl
            denied.add(run(program, nr, X86_64, 0, 0));
        }
        assertThat(denied).containsOnly(EPERM);
        for (int nr : new int[] {0, 1, 2, 9, 57, 59, 60, 231}) { // read write open mmap fork execve exit exit_group
            assertThat(run(program, nr, X86_64, 0, 0)).as("syscall " + nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void cloneIsAllowedForThreadsAndProcessesButNotForNamespaces() {
        int threadFlags = 0x003d0f00; // what glibc's pthread_create passes
        assertThat(run(program, 56, X86_64, threadFlags, 0)).isEqualTo(ALLOW);
        assertThat(run(program, 56, X86_64, 0x11, 0)).as("fork: SIGCHLD").isEqualTo(ALLOW);
        assertThat(run(program, 56, X86_64, 0x10000000 | 0x11, 0)).as("CLONE_NEWUSER").isEqualTo(EPERM);
        assertThat(run(program, 56, X86_64, 0x40000000, 0)).as("CLONE_NEWNET").isEqualTo(EPERM);
        assertThat(run(program, 435, X86_64, 0, 0)).as("clone3: ENOSYS, so libc falls back to clone")
                .isEqualTo(0x00050000 | 38);
    }

    @Test
    void typingIntoATerminalIsDeniedOtherIoctlsAllowed() {
        assertThat(run(program, 16, X86_64, 0, 0x5412)).isEqualTo(EPERM);
        assertThat(run(program, 16, X86_64, 0, 0x5401)).as("TCGETS").isEqualTo(ALLOW);
    }

    @Test
    void callsOfAnotherArchitectureOrTheX32AbiAreDenied() {
        assertThat(run(program, 0, 0x40000003, 0, 0)).as("i386").isEqualTo(EPERM);
        assertThat(run(program, 0x40000000, X86_64, 0, 0)).as("x32 read").isEqualTo(EPERM);
    }

    @Test
    void anUnknownArchitectureHasNoFilter() {
        assertThat(SeccompFilter.program("riscv64")).isEmpty();
        assertThat(SeccompFilter.program("aarch64")).isPresent();
    }
}
