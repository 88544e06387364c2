package dev.nimbus.sandbox.launch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Named pipes between the server and a sandbox started ahead of need ({@link WarmSandbox}): made
 * with {@code mkfifo(3)}, written without ever blocking on a reader that is gone.
 *
 * <p>Threading: stateless.
 */
final class Fifos {
    private static final int O_WRONLY = 1;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_SETFL = 4;
    private static final MethodHandle MKFIFO;
    private static final MethodHandle OPEN;
    private static final MethodHandle WRITE;
    private static final MethodHandle CLOSE;
    private static final MethodHandle FCNTL_SET;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MKFIFO = linker.downcallHandle(libc.find("mkfifo").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        WRITE = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        FCNTL_SET = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    private Fifos() {
    }

    /** Makes the named pipe {@code path} with permission bits {@code mode} (before the umask). */
    static void make(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            if ((int) MKFIFO.invokeExact(arena.allocateFrom(path.toString()), mode) != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Writes all of {@code data} into the named pipe {@code path} and closes it, so that its reader
     * sees the end. Until a process opens it for reading, tries again every 0.2 ms while {@code
     * reader} is alive, at most {@code patience}; once open, waits for the reader to take the data.
     */
    static void writeAll(Path path, byte[] data, ProcessHandle reader, java.time.Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path.toString());
            int fd;
            while ((fd = (int) OPEN.invokeExact(name, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
                if (!reader.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("nothing reads " + path);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            try {
                if ((int) FCNTL_SET.invokeExact(fd, F_SETFL, 0) != 0) { // blocking from here: the reader is there
                    throw new IOException("fcntl() failed on " + path);
                }
                MemorySegment bytes = arena.allocate(Math.max(1, data.length));
                MemorySegment.copy(MemorySegment.ofArray(data), 0, bytes, 0, data.length);
                long done = 0;
                while (done < data.length) {
                    long n = (long) WRITE.invokeExact(fd, bytes.asSlice(done), (long) (data.length - done));
                    if (n <= 0) {
                        throw new IOException("the reader of " + path + " went away");
                    }
                    done += n;
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
