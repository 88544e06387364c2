package dev.nimbus.store.sql;

import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@link FunctionStore} in portable SQL, shared by the SQLite and PostgreSQL dialects.
 *
 * <p>Threading: called from any thread; each call borrows its own connection. Revision numbers
 * are allocated inside one transaction that first writes the {@code functions} row, which takes
 * the row lock in PostgreSQL and the database write lock in SQLite (begun IMMEDIATE), so
 * concurrent creates of one function serialise: 8 concurrent creates after revision 3 yield
 * exactly 4..11.
 */
final class SqlFunctionStore implements FunctionStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String ENSURE_FUNCTION = "INSERT INTO functions (name, latest_revision, created_at,"
            + " updated_at) VALUES (?, 0, ?, ?) ON CONFLICT (name) DO NOTHING";
    private static final String BUMP_REVISION =
            "UPDATE functions SET latest_revision = latest_revision + 1, updated_at = ? WHERE name = ?";
    private static final String LATEST_REVISION = "SELECT latest_revision FROM functions WHERE name = ?";
    private static final String SELECT_LATEST = "SELECT " + RevisionRows.COLUMNS + " FROM functions f"
            + " JOIN function_revisions r ON r.name = f.name AND r.revision = f.latest_revision";

    private final DataSource dataSource;

    SqlFunctionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public FunctionRevision createRevision(String name, FunctionConfig config, String codeSha256, long codeSize,
                                           Instant now) {
        FunctionName.require(name);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(now, "now");
        if (codeSha256 == null || !SHA256.matcher(codeSha256).matches()) {
            throw new IllegalArgumentException("codeSha256 must be 64 lowercase hex digits");
        }
        if (codeSize < 0) {
            throw new IllegalArgumentException("codeSize must be >= 0, was " + codeSize);
        }
        return inTransaction("create revision of " + name, c -> {
            long revision = nextRevision(c, name, now);
            var created = new FunctionRevision(name, revision, config, codeSha256, codeSize, now);
            try (PreparedStatement insert = c.prepareStatement(RevisionRows.INSERT)) {
                RevisionRows.bindInsert(insert, created);
                insert.executeUpdate();
            }
            return created;
        });
    }

    private static long nextRevision(Connection c, String name, Instant now) throws SQLException {
        long millis = now.toEpochMilli();
        try (PreparedStatement ensure = c.prepareStatement(ENSURE_FUNCTION)) {
            ensure.setString(1, name);
            ensure.setLong(2, millis);
            ensure.setLong(3, millis);
            ensure.executeUpdate();
        }
        try (PreparedStatement bump = c.prepareStatement(BUMP_REVISION)) {
            bump.setLong(1, millis);
            bump.setString(2, name);
            bump.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(LATEST_REVISION)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("functions row vanished inside its own transaction");
                }
                return row.getLong(1);
            }
        }
    }

    @Override
    public Optional<FunctionRevision> latest(String name) {
        if (!FunctionName.isValid(name)) {
            return Optional.empty();
        }
        List<FunctionRevision> found = query("read function " + name, SELECT_LATEST + " WHERE f.name = ?", name);
        return found.stream().findFirst();
    }

    @Override
    public List<FunctionRevision> listLatest() {
        return query("list functions", SELECT_LATEST + " ORDER BY f.name", null);
    }

    @Override
    public boolean delete(String name) {
        if (!FunctionName.isValid(name)) {
            return false;
        }
        return inTransaction("delete function " + name, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM functions WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private List<FunctionRevision> query(String what, String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            if (name != null) {
                select.setString(1, name);
            }
            List<FunctionRevision> revisions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    revisions.add(RevisionRows.read(rows));
                }
            }
            return revisions;
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
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

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
