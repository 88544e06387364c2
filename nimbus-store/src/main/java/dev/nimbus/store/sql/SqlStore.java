package dev.nimbus.store.sql;

import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.secret.SecretStore;
import dev.nimbus.core.tenancy.NamespaceStore;
import java.nio.file.Path;

/**
 * An open relational store: a connection pool with a migrated schema and the stores built on it.
 * Closing it closes the pool; the stores it handed out stop working.
 *
 * <p>Threading: thread-safe; {@link #close()} once, after callers are done.
 */
public interface SqlStore extends AutoCloseable {

    /** Name of the SQLite database file inside the data directory. */
    String SQLITE_FILE = "nimbus.db";

    /** Durable function metadata. */
    FunctionStore functions();

    /** Durable asynchronous events and their delivery state. */
    EventStore events();

    /** Durable schedules, firing into the events. */
    ScheduleStore schedules();

    /** Topics and subscriptions of the event bus. */
    BusStore bus();

    /** How each function's asynchronous invocations are delivered. */
    DeliveryConfigStore deliveryConfigs();

    /** Buckets, objects (their bytes under {@code <dataDir>/objects}) and bucket notifications. */
    ObjectStore objects();

    /** Secrets, sealed. */
    SecretStore secrets();

    /** API keys, hashed and sealed. */
    KeyStore keys();

    /** Namespaces and which namespace owns each name. */
    NamespaceStore namespaces();

    @Override
    void close();

    /**
     * Opens the embedded database {@code <dataDir>/nimbus.db} (creating the directory and the file
     * if needed), applies pending migrations and removes object files an interrupted write left
     * in {@code <dataDir>/objects}.
     *
     * @throws StoreException if the database cannot be opened or migrated
     */
    static SqlStore sqlite(Path dataDir) {
        return PooledSqlStore.open(SqliteDataSource.create(dataDir), dataDir.resolve("objects"));
    }
}
