package dev.nimbus.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs work in one transaction on a pooled connection, rolling back on any failure. */
final class SqlTransactions {
    private SqlTransactions() {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Makes one value of a result row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The rows of a query with positional {@code args}, read with auto-commit. */
    static <T> List<T> query(DataSource dataSource, String what, String sql, RowReader<T> reader, Object... args) {
        return read(dataSource, what, c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        out.add(reader.read(row));
                    }
                }
            }
            return out;
        });
    }

    /** Runs {@code work} with auto-commit: reads, which need no write lock. */
    static <T> T read(DataSource dataSource, String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    /** @param what for the error: "cannot " + what */
    static <T> T inTransaction(DataSource dataSource, String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }
}
