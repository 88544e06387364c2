package dev.nimbus.store.sql;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.EventStatus;
import dev.nimbus.core.event.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@link EventStore} on table {@code async_events}. A claim selects the due events and marks them
 * in flight in one transaction; SQLite runs one writer at a time, so two claims never take the
 * same event. Payloads are kept base64-encoded in a text column, one type for every dialect.
 *
 * <p>Group commit: every write (add, claim, outcome) is handed to one writer thread, which runs
 * all writes waiting at that moment (up to {@link #BATCH}) in one transaction and one
 * {@code fsync}, then wakes their callers; a caller returns only once its write is committed. With
 * {@code synchronous=FULL} a commit costs a few milliseconds of disk flush, so one write per
 * commit would cap the store at a few hundred events per second. If a batch fails, its writes are
 * run again one transaction each, so that one bad write fails alone.
 *
 * <p>Threading: thread-safe. Writes queue for the writer thread; reads run on their own pooled
 * connection.
 */
final class SqlEventStore implements EventStore, AutoCloseable {
    /** Most writes per commit. */
    static final int BATCH = 512;
    /** Most writes waiting; beyond, a write fails at once rather than piling up in memory. */
    static final int MAX_WAITING = 10_000;
    /** Longest wait for a commit; a store this slow is reported as failed, not waited on forever. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(SqlEventStore.class.getName());
    private static final String COLUMNS = "id, function_name, qualifier, payload, client_context, trace_id, accepted_at,"
            + " status, attempts, due_at, last_error, finished_at, origin, depth";
    private static final int MAX_ERROR = 4096;

    private final DataSource dataSource;
    private final LinkedBlockingQueue<Write<?>> writes = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread writer;
    private volatile boolean closed;

    /** A write waiting for the writer thread; its caller learns the result once it is committed. */
    private static final class Write<T> {
        final String what;
        final SqlTransactions.SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;

        Write(String what, SqlTransactions.SqlWork<T> work) {
            this.what = what;
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            result = work.run(c);
        }

        void committed() {
            done.complete(result);
        }
    }

    SqlEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = Thread.ofPlatform().name("nimbus-event-writer").daemon(true).start(this::writeLoop);
    }

    /** Runs {@code work} in the next group commit and waits for it (also for the schedules beside the events). */
    <T> T write(String what, SqlTransactions.SqlWork<T> work) {
        var w = new Write<>(what, work);
        if (closed || !writes.offer(w)) {
            throw new StoreException("cannot " + what + ": the event store is " + (closed ? "closed" : "overloaded"), null);
        }
        if (closed && writes.remove(w)) {
            throw new StoreException("cannot " + what + ": the event store is closed", null);
        }
        try {
            return w.done.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new StoreException("cannot " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("cannot " + what + ": no commit within " + COMMIT_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("cannot " + what + ": interrupted", e);
        }
    }

    private void writeLoop() {
        List<Write<?>> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(writes.take());
            } catch (InterruptedException e) {
                break;
            }
            writes.drainTo(batch, BATCH - 1);
            try {
                commit(batch);
            } catch (Throwable e) { // an Error must not end the writer and leave every caller waiting
                LOG.log(System.Logger.Level.ERROR, "a batch of event writes failed", e);
                batch.forEach(w -> w.done.completeExceptionally(e));
            }
            batch.clear();
        }
        closed = true;
        StoreException gone = new StoreException("cannot write: the event store is closed", null);
        for (Write<?> w; (w = writes.poll()) != null; ) {
            w.done.completeExceptionally(gone);
        }
    }

    private void commit(List<Write<?>> batch) {
        try {
            SqlTransactions.inTransaction(dataSource, "commit " + batch.size() + " event writes", c -> {
                for (Write<?> w : batch) {
                    w.run(c);
                }
                return null;
            });
            batch.forEach(Write::committed);
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.getFirst().done.completeExceptionally(batchFailed);
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "a batch of event writes failed; writing them one by one", batchFailed);
            for (Write<?> w : batch) {
                try {
                    SqlTransactions.inTransaction(dataSource, w.what, c -> {
                        w.run(c);
                        return null;
                    });
                    w.committed();
                } catch (RuntimeException e) {
                    w.done.completeExceptionally(e);
                }
            }
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Stops the writer; writes still queued fail. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void add(AsyncEvent e) {
        write("store event " + e.id(), c -> {
            insert(c, e);
            return null;
        });
    }

    @Override
    public void addAll(List<AsyncEvent> all) {
        write("store " + all.size() + " events", c -> {
            for (AsyncEvent e : all) {
                insert(c, e);
            }
            return null;
        });
    }

    /** Inserts {@code e} on {@code c}, inside the caller's transaction. */
    static void insert(Connection c, AsyncEvent e) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO async_events (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, e.id());
            insert.setString(2, e.function());
            insert.setString(3, e.qualifier());
            insert.setString(4, Base64.getEncoder().encodeToString(e.payload()));
            insert.setString(5, e.clientContext());
            insert.setString(6, e.traceId());
            insert.setLong(7, e.acceptedAt().toEpochMilli());
            insert.setString(8, e.status().id());
            insert.setInt(9, e.attempts());
            insert.setLong(10, e.dueAt().toEpochMilli());
            insert.setString(11, clip(e.lastError()));
            setInstant(insert, 12, e.finishedAt());
            insert.setString(13, e.origin());
            insert.setInt(14, e.depth());
            insert.executeUpdate();
        }
    }

    @Override
    public List<AsyncEvent> claim(Instant now, Duration lease, int max) {
        long at = now.toEpochMilli();
        return write("claim events", c -> {
            List<AsyncEvent> due = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM async_events"
                    + " WHERE (status IN ('pending', 'retrying') AND due_at <= ?)"
                    + " OR (status = 'in_flight' AND lease_until <= ?) ORDER BY due_at LIMIT ?")) {
                select.setLong(1, at);
                select.setLong(2, at);
                select.setInt(3, max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(read(rows));
                    }
                }
            }
            try (PreparedStatement lock = c.prepareStatement(
                    "UPDATE async_events SET status = 'in_flight', lease_until = ? WHERE id = ?")) {
                for (AsyncEvent e : due) {
                    lock.setLong(1, at + lease.toMillis());
                    lock.setString(2, e.id());
                    lock.addBatch();
                }
                lock.executeBatch();
            }
            return due;
        });
    }

    @Override
    public int releaseLeases() {
        return update("release leases", "UPDATE async_events SET status = 'pending', lease_until = NULL"
                + " WHERE status = 'in_flight'");
    }

    @Override
    public void delivered(String id, Instant at, List<AsyncEvent> followUps) {
        finish("mark event " + id + " delivered", followUps, "UPDATE async_events SET status = 'delivered',"
                + " lease_until = NULL, finished_at = ? WHERE id = ? AND status = 'in_flight'", at.toEpochMilli(), id);
    }

    @Override
    public void retry(String id, int attempts, Instant dueAt, String error) {
        update("schedule event " + id + " again", "UPDATE async_events SET status = 'retrying', lease_until = NULL,"
                + " attempts = ?, due_at = ?, last_error = ? WHERE id = ? AND status = 'in_flight'", attempts,
                dueAt.toEpochMilli(), clip(error), id);
    }

    @Override
    public void deadLetter(String id, int attempts, String error, Instant at, List<AsyncEvent> followUps) {
        finish("dead-letter event " + id, followUps, "UPDATE async_events SET status = 'dead_lettered',"
                + " lease_until = NULL, attempts = ?, last_error = ?, finished_at = ? WHERE id = ?"
                + " AND status = 'in_flight'", attempts, clip(error), at.toEpochMilli(), id);
    }

    /** Ends an event's delivery with {@code sql}; only if that changed it, {@code followUps} are added. */
    private void finish(String what, List<AsyncEvent> followUps, String sql, Object... args) {
        write(what, c -> {
            try (PreparedStatement statement = bind(c, sql, args)) {
                if (statement.executeUpdate() == 1) {
                    for (AsyncEvent e : followUps) {
                        insert(c, e);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Optional<AsyncEvent> get(String id) {
        List<AsyncEvent> found = query("read event " + id, "SELECT " + COLUMNS + " FROM async_events WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<AsyncEvent> list(String function, EventStatus status, int limit) {
        return listWhere("function_name", function, status, limit);
    }

    @Override
    public List<AsyncEvent> listByOrigin(String origin, EventStatus status, int limit) {
        return listWhere("origin", origin, status, limit);
    }

    /** Newest first; payloads stay in the database: a list shows states, and a thousand 1 MB payloads would not fit. */
    private List<AsyncEvent> listWhere(String column, String value, EventStatus status, int limit) {
        String select = "SELECT " + COLUMNS.replace("payload,", "'' AS payload,") + " FROM async_events WHERE "
                + column + " = ?";
        return status == null
                ? query("list events", select + " ORDER BY accepted_at DESC LIMIT ?", value, limit)
                : query("list events", select + " AND status = ? ORDER BY accepted_at DESC LIMIT ?", value, status.id(),
                        limit);
    }

    @Override
    public int redrive(String function, String id, Instant now) {
        String sql = "UPDATE async_events SET status = 'pending', attempts = 0, accepted_at = ?, due_at = ?,"
                + " finished_at = NULL WHERE function_name = ? AND status = 'dead_lettered'";
        long at = now.toEpochMilli();
        return id == null ? update("redrive dead letters", sql, at, at, function)
                : update("redrive dead letter " + id, sql + " AND id = ?", at, at, function, id);
    }

    @Override
    public int purgeDeadLetters(String function, String id) {
        String sql = "DELETE FROM async_events WHERE function_name = ? AND status = 'dead_lettered'";
        return id == null ? update("purge dead letters", sql, function)
                : update("purge dead letter " + id, sql + " AND id = ?", function, id);
    }

    @Override
    public int deleteFunction(String function) {
        return update("delete the events of " + function, "DELETE FROM async_events WHERE function_name = ?", function);
    }

    @Override
    public int purgeDelivered(Instant before) {
        return update("purge delivered events", "DELETE FROM async_events WHERE status = 'delivered' AND finished_at < ?",
                before.toEpochMilli());
    }

    /** Runs one statement with positional {@code args} in the next group commit; returns the rows it changed. */
    int update(String what, String sql, Object... args) {
        return write(what, c -> {
            try (PreparedStatement statement = bind(c, sql, args)) {
                return statement.executeUpdate();
            }
        });
    }

    private List<AsyncEvent> query(String what, String sql, Object... args) {
        return SqlTransactions.read(dataSource, what, c -> {
            List<AsyncEvent> out = new ArrayList<>();
            try (PreparedStatement statement = bind(c, sql, args); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(read(rows));
                }
            }
            return out;
        });
    }

    private static PreparedStatement bind(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    private static AsyncEvent read(ResultSet row) throws SQLException {
        long finished = row.getLong("finished_at");
        Instant finishedAt = row.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new AsyncEvent(row.getString("id"), row.getString("function_name"), row.getString("qualifier"),
                Base64.getDecoder().decode(row.getString("payload")), row.getString("client_context"),
                row.getString("trace_id"), Instant.ofEpochMilli(row.getLong("accepted_at")),
                EventStatus.of(row.getString("status")), row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("due_at")), row.getString("last_error"), finishedAt,
                row.getString("origin"), row.getInt("depth"));
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }
}
