package dev.nimbus.store.logs;

import dev.nimbus.core.logs.LogRecord;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The files of one function: {@code <name>.log}, being appended, and {@code <name>.log.1}, the one
 * before it.
 *
 * <p>Threading: one lock guards the stream, the size and rotation. An append holds it for one
 * write of an already-encoded line (plus a rename when rotating) and to hand the record to the
 * followers, never while a listener runs. {@link #tail} holds it only to open both files and note
 * the current size, then reads without it: a rotated file never changes and the current one only
 * grows past the noted size. The stream is a {@link FileOutputStream}, not a {@code FileChannel},
 * because an interrupted thread would close a channel for every other appender.
 */
final class FunctionLog {
    private final Path current;
    private final Path rotated;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private FileOutputStream out;
    private long size;
    private boolean closed;

    FunctionLog(Path dir, String function, long maxBytes) {
        this.current = dir.resolve(function + ".log");
        this.rotated = dir.resolve(function + ".log.1");
        this.maxBytes = maxBytes;
    }

    /** Appends an encoded line; false if this log was closed (the caller retries with a new one). */
    boolean append(LogRecord record, byte[] line) throws IOException {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (out == null) {
                openForAppend();
            }
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            try {
                out.write(line);
            } catch (IOException e) {
                closeStream(); // reopened, and its size re-read, by the next append
                throw e;
            }
            size += line.length;
            for (Follower follower : followers) {
                follower.offer(record);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the current file, ending a line that a crash cut short so that the next record starts
     * on a line of its own (tail then skips the damaged one).
     */
    private void openForAppend() throws IOException {
        out = new FileOutputStream(current.toFile(), true);
        size = Files.size(current);
        if (size > 0 && lastByte(current, size) != '\n') {
            out.write('\n');
            size++;
        }
    }

    private static int lastByte(Path file, long size) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - 1);
            return raf.read();
        }
    }

    private void rotate() throws IOException {
        closeStream();
        Files.move(current, rotated, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = new FileOutputStream(current.toFile(), true);
        size = 0;
    }

    /** The most recent {@code limit} records, oldest first, from the current file then the rotated one. */
    List<LogRecord> tail(int limit) throws IOException {
        try (Snapshot files = snapshot()) {
            List<byte[]> newestFirst = files.current == null ? new ArrayList<>()
                    : TailReader.lastLines(files.current, files.currentEnd, limit);
            if (newestFirst.size() < limit && files.rotated != null) {
                newestFirst.addAll(TailReader.lastLines(files.rotated, files.rotated.size(),
                        limit - newestFirst.size()));
            }
            List<LogRecord> records = new ArrayList<>(newestFirst.size());
            for (byte[] line : newestFirst.reversed()) {
                LogLines.decode(line).ifPresent(records::add);
            }
            return records;
        }
    }

    private Snapshot snapshot() throws IOException {
        lock.lock();
        try {
            FileChannel rotatedFile = openIfExists(rotated);
            try {
                FileChannel currentFile = openIfExists(current);
                long end = currentFile == null ? 0 : out != null ? size : currentFile.size();
                return new Snapshot(currentFile, end, rotatedFile);
            } catch (IOException | RuntimeException e) {
                if (rotatedFile != null) {
                    rotatedFile.close();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static FileChannel openIfExists(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Registers a follower; null if this log was closed (the caller retries with a new one). */
    Follower follow(Consumer<LogRecord> listener, int capacity, InstantSource clock) {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            var follower = new Follower(listener, capacity, clock, followers::remove);
            followers.add(follower);
            follower.start();
            return follower;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the stream and ends the followers; the files stay. */
    void close() {
        lock.lock();
        try {
            closed = true;
            closeStream();
        } finally {
            lock.unlock();
        }
        followers.forEach(Follower::close);
    }

    void deleteFiles() throws IOException {
        Files.deleteIfExists(current);
        Files.deleteIfExists(rotated);
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Every byte was already handed to the OS with write(2); nothing is buffered here.
            }
            out = null;
        }
    }

    private record Snapshot(FileChannel current, long currentEnd, FileChannel rotated) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                if (current != null) {
                    current.close();
                }
            } finally {
                if (rotated != null) {
                    rotated.close();
                }
            }
        }
    }
}
