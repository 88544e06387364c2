package dev.nimbus.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The SQLite dialect's connection settings; everything SQLite-specific lives here so that the
 * statements and migrations stay portable. A PostgreSQL sibling will build its pool the same way.
 *
 * <ul>
 *   <li>WAL journal with {@code synchronous=FULL}: readers never block the writer, and a commit
 *       survives a power loss ({@code NORMAL} may roll back the last commits).</li>
 *   <li>{@code transaction_mode=IMMEDIATE}: a transaction takes the write lock when it begins, so
 *       two read-then-write transactions cannot deadlock on the lock upgrade; waiting is bounded by
 *       the busy timeout instead of failing at once with {@code SQLITE_BUSY}.</li>
 *   <li>Foreign keys on: SQLite leaves them off per connection unless asked.</li>
 * </ul>
 * The driver begins a transaction as soon as auto-commit is turned off and again right after each
 * commit, so a transaction must turn auto-commit back on as soon as it ends (as
 * {@code SqlFunctionStore} does) or the connection keeps the write lock.
 */
final class SqliteDataSource {
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    /** SQLite has one writer at a time; a few connections are enough for concurrent readers. */
    static final int POOL_SIZE = 4;

    private SqliteDataSource() {
    }

    static HikariDataSource create(Path dataDir) {
        Path file = dataDir.resolve(SqlStore.SQLITE_FILE).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("nimbus-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", Long.toString(BUSY_TIMEOUT.toMillis()));
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(BUSY_TIMEOUT.plusSeconds(5).toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database " + file, e);
        }
    }
}
