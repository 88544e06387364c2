package dev.nimbus.sandbox.instance;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The pipe an instance process writes its stdout and stderr into, read by one {@link OutputPump}.
 *
 * <p>Why not the pipes {@link ProcessBuilder} makes: a function that prints and then answers has
 * written its line before its answer, but the pump reads asynchronously, so when the answer arrives
 * the line may still sit in the pipe. To know it has been read, Nimbus keeps a write end of its own
 * and writes a {@link #fence} marker after the answer: a pipe keeps the order of writes, so once the
 * pump has passed the marker, everything the process wrote before has become a log line.
 * {@code ProcessBuilder} never hands out a write end, so the pipe is made with {@code pipe2(2)} and
 * given to the process as {@code /dev/fd/<n>}.
 *
 * <p>Nimbus's write end is non-blocking, so a fence is bounded even while the pipe is full and
 * nothing reads it. Opening {@code /dev/fd/<n>} of a pipe opens the pipe afresh, with an open file
 * description (and flags) of its own: the process's end and the pump's read end stay blocking.
 *
 * <p>The marker is a NUL byte and 128 random bits, unknown to the function, so it cannot forge one.
 * At 46 bytes it is below {@code PIPE_BUF}, so a write puts all of it into the pipe or none. The
 * stream ends once the process tree and {@link #close} have closed every write end.
 *
 * <p>Threading: the instance opens and closes the pipe; request threads call {@link #fence}; the
 * pump thread reports markers (to {@code onReached}, holding {@code lock}) and the end. {@code lock}
 * guards the counters; {@code writeLock}
 * guards Nimbus's write end and is held for one non-blocking {@code write} at a time, never while
 * waiting, so {@link #close} never waits for a fence.
 */
final class OutputPipe implements AutoCloseable {
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** How long a fence waits before writing its marker into a full pipe again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final MethodHandle PIPE2;
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle FCNTL_GET;
    private static final MethodHandle FCNTL_SET;
    private static final MethodHandle WRITE;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        PIPE2 = linker.downcallHandle(libc.find("pipe2").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        MemorySegment fcntl = libc.find("fcntl").orElseThrow();
        FCNTL_GET = linker.downcallHandle(fcntl, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        FCNTL_SET = linker.downcallHandle(fcntl, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        WRITE = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.captureCallState("errno"));
    }

    private final int writeFd;
    private final FileInputStream in;
    private final byte[] marker;
    private final Object writeLock = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private long written;
    private long reached;
    private boolean ended;
    private boolean closed;
    private LongConsumer onReached;

    private OutputPipe(int writeFd, FileInputStream in, byte[] marker) {
        this.writeFd = writeFd;
        this.in = in;
        this.marker = marker;
    }

    static OutputPipe open() throws IOException {
        return of(pipe());
    }

    /**
     * The named pipe {@code fifo} as an output pipe, for a process started before this instance
     * existed (a warm sandbox), which opens {@code fifo} for writing itself. Both of Nimbus's ends
     * are opened without waiting; the read end is opened first, so the write end finds a reader.
     */
    static OutputPipe fifo(Path fifo) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(fifo.toString());
            int read = (int) OPEN.invokeExact(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (read < 0) {
                throw new IOException("cannot open " + fifo + " for reading");
            }
            int write = (int) OPEN.invokeExact(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (write < 0) {
                close(read);
                throw new IOException("cannot open " + fifo + " for writing");
            }
            return of(new int[] {read, write});
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The pipe of read end {@code fds[0]} (reopened blocking for the pump, then closed) and write end {@code fds[1]}. */
    private static OutputPipe of(int[] fds) throws IOException {
        try {
            setNonBlocking(fds[1]);
            var in = new FileInputStream(path(fds[0]));
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            byte[] marker = ("\0nimbus-fence-" + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
            return new OutputPipe(fds[1], in, marker);
        } catch (IOException | RuntimeException e) {
            close(fds[1]);
            throw e;
        } finally {
            close(fds[0]);
        }
    }

    /** Where the process's output goes: a file name for {@link ProcessBuilder.Redirect#to}, valid until {@link #close}. */
    File childEnd() {
        return new File(path(writeFd));
    }

    /**
     * Starts the pump that turns the output into {@code lines}; {@code onReached} gets the ticket of each marker (see {@link #mark}) once
     * everything written before it has become a line, on the pump thread, before any fence waiting
     * for that ticket returns.
     */
    void pump(String name, Consumer<String> lines, LongConsumer onReached) {
        lock.lock();
        try {
            this.onReached = onReached;
        } finally {
            lock.unlock();
        }
        OutputPump.start(name, in, new OutputPump(lines, marker, this::markerReached), this::streamEnded);
    }

    /**
     * Writes a marker without waiting: its ticket, reported to {@code onReached} once the pump
     * passes it; 0 if the pipe is full, {@link Long#MAX_VALUE} once closed.
     */
    long mark() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocateFrom(JAVA_BYTE, marker);
            MemorySegment state = arena.allocate(CALL_STATE);
            return tryMark(state, bytes);
        }
    }

    /**
     * Waits until every byte written into the pipe before this call has become a line, at most
     * {@code max}, also while the pipe is full and nothing reads it.
     *
     * @return false if that did not happen in time
     */
    boolean fence(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        long ticket = writeMarker(deadline);
        if (ticket == 0) {
            return false;
        }
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

    /**
     * Writes a marker, again every millisecond while the pipe is full, until {@code deadline}.
     *
     * @return its ticket; {@link Long#MAX_VALUE} once closed (only the end of the stream then tells
     *         that all was read); 0 if the pipe stayed full
     */
    private long writeMarker(long deadline) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocateFrom(JAVA_BYTE, marker);
            MemorySegment state = arena.allocate(CALL_STATE);
            while (true) {
                long ticket = tryMark(state, bytes);
                if (ticket != 0) {
                    return ticket;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return 0;
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    /** One write of the marker: its ticket; 0 if the pipe is full; {@link Long#MAX_VALUE} once closed or broken. */
    private long tryMark(MemorySegment state, MemorySegment bytes) {
        synchronized (writeLock) {
            if (closed) {
                return Long.MAX_VALUE;
            }
            int errno = write(state, bytes);
            if (errno == 0) {
                return ++written;
            }
            return errno == EAGAIN || errno == EINTR ? 0 : Long.MAX_VALUE;
        }
    }

    /** @return 0 once all of {@code bytes} is in the pipe, else errno */
    private int write(MemorySegment state, MemorySegment bytes) {
        try {
            long n = (long) WRITE.invokeExact(state, writeFd, bytes, bytes.byteSize());
            return n == bytes.byteSize() ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void markerReached() {
        lock.lock();
        try {
            reached++;
            onReached.accept(reached);
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
            if (!closed) {
                closed = true;
                close(writeFd);
            }
        }
    }

    /** For an instance that never started: closes both ends of Nimbus's side; no pump runs. */
    void discard() {
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
            int rc = (int) PIPE2.invokeExact(fds, O_CLOEXEC);
            if (rc != 0) {
                throw new IOException("pipe2() failed: too many open files?");
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void setNonBlocking(int fd) throws IOException {
        try {
            int flags = (int) FCNTL_GET.invokeExact(fd, F_GETFL);
            if (flags < 0 || (int) FCNTL_SET.invokeExact(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
                throw new IOException("fcntl() failed on the output pipe");
            }
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
