package dev.nimbus.sandbox.instance;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The pipe an instance process writes its stdout and stderr into, read by one {@link OutputPump}.
 *
 * <p>Why not the pipes {@link ProcessBuilder} makes: a function that prints and then answers has
 * written its line before its answer, but the pump reads asynchronously, so when the answer arrives
 * the line may still sit in the pipe. To know it has been read, Nimbus keeps a write end of its own
 * and writes a {@link #fence} marker after the answer: a pipe keeps the order of writes, so once the
 * pump has passed the marker, everything the process wrote before has become a log line.
 * {@code ProcessBuilder} never hands out a write end, so the pipe is made with {@code pipe(2)} and
 * given to the process as {@code /dev/fd/<n>}.
 *
 * <p>The marker is a NUL byte and 128 random bits, unknown to the function, so it cannot forge one.
 * The stream ends once the process tree and {@link #close} have closed every write end.
 *
 * <p>Threading: the instance opens and closes the pipe; request threads call {@link #fence}; the
 * pump thread reports markers and the end. {@code lock} guards the counters; a write into the pipe,
 * which may block while the pipe is full, happens under {@code writeLock} only, never under
 * {@code lock}, which the pump needs to make progress. The pump runs on a platform thread (see
 * {@link OutputPump}), so a fence written from a virtual thread waits only while a full pipe drains.
 */
final class OutputPipe implements AutoCloseable {
    private static final MethodHandle PIPE;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        PIPE = linker.downcallHandle(libc.find("pipe").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private final int childFd;
    private final FileInputStream in;
    private final FileOutputStream out;
    private final byte[] marker;
    private final Object writeLock = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private long written;
    private long reached;
    private boolean ended;
    private boolean closed;
    private boolean childFdClosed;

    private OutputPipe(int childFd, FileInputStream in, FileOutputStream out, byte[] marker) {
        this.childFd = childFd;
        this.in = in;
        this.out = out;
        this.marker = marker;
    }

    static OutputPipe open() throws IOException {
        int[] fds = pipe();
        try {
            var in = new FileInputStream(path(fds[0]));
            var out = new FileOutputStream(path(fds[1]));
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            byte[] marker = ("\0nimbus-fence-" + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
            return new OutputPipe(fds[1], in, out, marker);
        } catch (IOException | RuntimeException e) {
            close(fds[1]);
            throw e;
        } finally {
            close(fds[0]);
        }
    }

    /** Where the process's output goes: a file name for {@link ProcessBuilder.Redirect#to}, valid until {@link #childStarted}. */
    File childEnd() {
        return new File(path(childFd));
    }

    /** The process has its own copy of the write end now (or failed to start). Idempotent. */
    void childStarted() {
        synchronized (writeLock) {
            if (!childFdClosed) {
                childFdClosed = true;
                close(childFd);
            }
        }
    }

    /** Starts the pump that turns the output into {@code lines}. */
    void pump(String name, Consumer<String> lines) {
        OutputPump.start(name, in, new OutputPump(lines, marker, this::markerReached), this::streamEnded);
    }

    /**
     * Waits until every byte written into the pipe before this call has become a line, at most
     * {@code max}.
     *
     * @return false if that did not happen in time
     */
    boolean fence(Duration max) {
        long ticket;
        synchronized (writeLock) {
            try {
                out.write(marker);
                ticket = ++written;
            } catch (IOException e) {
                ticket = Long.MAX_VALUE; // closed: only the end of the stream tells that all was read
            }
        }
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (reached < ticket && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void markerReached() {
        lock.lock();
        try {
            reached++;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void streamEnded() {
        lock.lock();
        try {
            ended = true;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes Nimbus's write end: the stream ends once the process tree has closed its copies. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing was buffered
            }
        }
    }

    /** For an instance that never started: closes both ends of Nimbus's side; no pump runs. */
    void discard() {
        childStarted();
        close();
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to read
        }
    }

    private static String path(int fd) {
        return "/dev/fd/" + fd;
    }

    private static int[] pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int rc = (int) PIPE.invokeExact(fds);
            if (rc != 0) {
                throw new IOException("pipe() failed: too many open files?");
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
