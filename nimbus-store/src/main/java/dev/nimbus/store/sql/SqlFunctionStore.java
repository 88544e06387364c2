package dev.nimbus.store.sql;

import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.LastUpdate;
import dev.nimbus.core.function.ProvisionedConcurrency;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
    private static final String BUMP_REVISION = "UPDATE functions SET latest_revision = latest_revision + 1,"
            + " updated_at = ?, last_update_status = 'Successful', last_update_error_type = NULL,"
            + " last_update_message = NULL, last_update_at = NULL WHERE name = ?";
    private static final String TAKE_REVISION = "UPDATE functions SET latest_revision = ?, updated_at = ?,"
            + " last_update_status = 'Successful', last_update_error_type = NULL, last_update_message = NULL,"
            + " last_update_at = NULL WHERE name = ? AND latest_revision = ?";
    private static final String LATEST_REVISION = "SELECT latest_revision FROM functions WHERE name = ?";
    private static final String SELECT_LATEST = "SELECT " + RevisionRows.COLUMNS + ", f.reserved_concurrency,"
            + " f.last_update_status, f.last_update_error_type, f.last_update_message, f.last_update_at FROM functions f JOIN function_revisions r ON r.name = f.name AND r.revision = f.latest_revision";
    private static final String SELECT_VERSIONS = "SELECT " + RevisionRows.COLUMNS + ", v.version,"
            + " v.description AS version_description, v.revision_id AS version_revision_id,"
            + " v.created_at AS version_created_at FROM function_versions v"
            + " JOIN function_revisions r ON r.name = v.name AND r.revision = v.revision"
            + " WHERE v.name = ? ORDER BY v.version";

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
            var created = new FunctionRevision(name, revision, config, codeSha256, codeSize, now,
                    UUID.randomUUID().toString(), FunctionRevision.LATEST);
            try (PreparedStatement insert = c.prepareStatement(RevisionRows.INSERT)) {
                RevisionRows.bindInsert(insert, created);
                insert.executeUpdate();
            }
            return created;
        });
    }

    @Override
    public FunctionRevision createRevision(FunctionRevision candidate) {
        Objects.requireNonNull(candidate, "candidate");
        FunctionName.require(candidate.name());
        if (!candidate.isLatest() || candidate.revision() < 1) {
            throw new IllegalArgumentException("a candidate is a $LATEST revision numbered from 1, was " + candidate.key());
        }
        if (!SHA256.matcher(candidate.codeSha256()).matches()) {
            throw new IllegalArgumentException("codeSha256 must be 64 lowercase hex digits");
        }
        String name = candidate.name();
        return inTransaction("create revision " + candidate.revision() + " of " + name, c -> {
            long millis = candidate.createdAt().toEpochMilli();
            execute(c, ENSURE_FUNCTION, name, millis, millis);
            if (execute(c, TAKE_REVISION, candidate.revision(), millis, name, candidate.revision() - 1) == 0) {
                throw new IllegalStateException("revision " + candidate.revision() + " of " + name
                        + " is not the next one: another update came first");
            }
            try (PreparedStatement insert = c.prepareStatement(RevisionRows.INSERT)) {
                RevisionRows.bindInsert(insert, candidate);
                insert.executeUpdate();
            }
            return candidate;
        });
    }

    @Override
    public void recordFailedUpdate(String name, LastUpdate failure) {
        if (failure.status() != LastUpdate.Status.FAILED) {
            throw new IllegalArgumentException("only failures are recorded on their own, was " + failure);
        }
        update("record the failed update of " + name, "UPDATE functions SET last_update_status = 'Failed',"
                        + " last_update_error_type = ?, last_update_message = ?, last_update_at = ? WHERE name = ?",
                failure.errorType(), failure.message(), failure.at().toEpochMilli(), name);
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
    public Optional<FunctionState> state(String name) {
        if (!FunctionName.isValid(name)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return readState(c, name);
        } catch (SQLException e) {
            throw new StoreException("cannot read function " + name, e);
        }
    }

    @Override
    public List<FunctionState> listStates() {
        try (Connection c = dataSource.getConnection()) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name FROM functions ORDER BY name");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            List<FunctionState> states = new ArrayList<>();
            for (String name : names) {
                readState(c, name).ifPresent(states::add);
            }
            return states;
        } catch (SQLException e) {
            throw new StoreException("cannot list functions", e);
        }
    }

    private static Optional<FunctionState> readState(Connection c, String name) throws SQLException {
        FunctionRevision latest = null;
        Integer reserved = null;
        LastUpdate lastUpdate = null;
        try (PreparedStatement select = c.prepareStatement(SELECT_LATEST + " WHERE f.name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    latest = RevisionRows.read(row);
                    int value = row.getInt("reserved_concurrency");
                    reserved = row.wasNull() ? null : value;
                    lastUpdate = lastUpdate(row);
                }
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        List<FunctionRevision> versions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(SELECT_VERSIONS)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(RevisionRows.readVersion(rows));
                }
            }
        }
        return Optional.of(new FunctionState(latest, versions, aliases(c, name), reserved, urls(c, name),
                provisioned(c, name), lastUpdate));
    }

    /** The recorded failure, or null: successful when the latest revision was created. */
    private static LastUpdate lastUpdate(ResultSet row) throws SQLException {
        if (!"Failed".equals(row.getString("last_update_status"))) {
            return null;
        }
        return LastUpdate.failed(row.getString("last_update_error_type"), row.getString("last_update_message"),
                Instant.ofEpochMilli(row.getLong("last_update_at")));
    }

    private static List<ProvisionedConcurrency> provisioned(Connection c, String name) throws SQLException {
        List<ProvisionedConcurrency> configs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT qualifier, requested, updated_at"
                + " FROM provisioned_concurrency WHERE name = ? ORDER BY qualifier")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    configs.add(new ProvisionedConcurrency(name, rows.getString(1), rows.getInt(2),
                            Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
        }
        return configs;
    }

    private static List<Alias> aliases(Connection c, String name) throws SQLException {
        List<Alias> aliases = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT alias, version, description, additional_version,"
                + " additional_weight, revision_id, updated_at FROM function_aliases WHERE name = ? ORDER BY alias")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    aliases.add(new Alias(name, rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getDouble(5), rows.getString(6),
                            Instant.ofEpochMilli(rows.getLong(7))));
                }
            }
        }
        return aliases;
    }

    private static List<FunctionUrl> urls(Connection c, String name) throws SQLException {
        List<FunctionUrl> urls = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT qualifier, url_id, auth_type, cors, invoke_mode,"
                + " created_at, updated_at FROM function_urls WHERE name = ? ORDER BY qualifier")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String qualifier = rows.getString(1);
                    urls.add(new FunctionUrl(name, qualifier.isEmpty() ? null : qualifier, rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5),
                            Instant.ofEpochMilli(rows.getLong(6)), Instant.ofEpochMilli(rows.getLong(7))));
                }
            }
        }
        return urls;
    }

    @Override
    public boolean delete(String name) {
        if (!FunctionName.isValid(name)) {
            return false;
        }
        return update("delete function " + name, "DELETE FROM functions WHERE name = ?", name) > 0;
    }

    @Override
    public FunctionRevision publish(String name, long revision, String description, Instant now) {
        FunctionName.require(name);
        return inTransaction("publish a version of " + name, c -> {
            if (execute(c, "UPDATE functions SET latest_version = latest_version + 1 WHERE name = ?", name) == 0) {
                throw new StoreException("function " + name + " does not exist", null);
            }
            long version;
            try (PreparedStatement select = c.prepareStatement("SELECT latest_version FROM functions WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    version = row.getLong(1);
                }
            }
            execute(c, "INSERT INTO function_versions (name, version, revision, description, revision_id, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", name, version, revision, description, UUID.randomUUID().toString(),
                    now.toEpochMilli());
            try (PreparedStatement select = c.prepareStatement(SELECT_VERSIONS.replace("ORDER BY", "AND v.version = ? ORDER BY"))) {
                select.setString(1, name);
                select.setLong(2, version);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new StoreException("revision " + revision + " of " + name + " does not exist", null);
                    }
                    return RevisionRows.readVersion(row);
                }
            }
        });
    }

    @Override
    public boolean deleteVersion(String name, String version) {
        if (!FunctionName.isValid(name) || version == null || !version.matches("[0-9]{1,18}")) {
            return false;
        }
        return inTransaction("delete version " + version + " of " + name, c -> {
            execute(c, "DELETE FROM provisioned_concurrency WHERE name = ? AND qualifier = ?", name, version);
            return execute(c, "DELETE FROM function_versions WHERE name = ? AND version = ?", name,
                    Long.parseLong(version)) > 0;
        });
    }

    @Override
    public void putAlias(Alias a) {
        update("save alias " + a.name() + " of " + a.function(), "INSERT INTO function_aliases (name, alias, version,"
                        + " description, additional_version, additional_weight, revision_id, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, alias) DO UPDATE SET"
                        + " version = excluded.version, description = excluded.description,"
                        + " additional_version = excluded.additional_version,"
                        + " additional_weight = excluded.additional_weight, revision_id = excluded.revision_id,"
                        + " updated_at = excluded.updated_at",
                a.function(), a.name(), a.version(), a.description(), a.additionalVersion(), a.additionalWeight(),
                a.revisionId(), a.updatedAt().toEpochMilli());
    }

    @Override
    public boolean deleteAlias(String function, String alias) {
        return inTransaction("delete alias " + alias + " of " + function, c -> {
            // the alias's URL goes with it, so that it never comes back with a namesake
            execute(c, "DELETE FROM function_urls WHERE name = ? AND qualifier = ?", function, alias);
            execute(c, "DELETE FROM provisioned_concurrency WHERE name = ? AND qualifier = ?", function, alias);
            return execute(c, "DELETE FROM function_aliases WHERE name = ? AND alias = ?", function, alias) > 0;
        });
    }

    @Override
    public void setReservedConcurrency(String name, Integer reserved) {
        update("set the reserved concurrency of " + name,
                "UPDATE functions SET reserved_concurrency = ? WHERE name = ?", reserved, name);
    }

    @Override
    public void putProvisioned(ProvisionedConcurrency p) {
        update("save the provisioned concurrency of " + p.function() + ":" + p.qualifier(),
                "INSERT INTO provisioned_concurrency (name, qualifier, requested, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (name, qualifier) DO UPDATE SET requested = excluded.requested,"
                        + " updated_at = excluded.updated_at",
                p.function(), p.qualifier(), p.requested(), p.updatedAt().toEpochMilli());
    }

    @Override
    public boolean deleteProvisioned(String function, String qualifier) {
        return update("delete the provisioned concurrency of " + function + ":" + qualifier,
                "DELETE FROM provisioned_concurrency WHERE name = ? AND qualifier = ?", function, qualifier) > 0;
    }

    @Override
    public void putUrl(FunctionUrl u) {
        update("save the URL of " + u.function(), "INSERT INTO function_urls (name, qualifier, url_id, auth_type, cors,"
                        + " invoke_mode, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name, qualifier) DO UPDATE SET auth_type = excluded.auth_type,"
                        + " cors = excluded.cors, invoke_mode = excluded.invoke_mode, updated_at = excluded.updated_at",
                u.function(), u.qualifier() == null ? "" : u.qualifier(), u.urlId(), u.authType(), u.cors(),
                u.invokeMode(), u.createdAt().toEpochMilli(), u.updatedAt().toEpochMilli());
    }

    @Override
    public boolean deleteUrl(String function, String qualifier) {
        return update("delete the URL of " + function, "DELETE FROM function_urls WHERE name = ? AND qualifier = ?",
                function, qualifier == null ? "" : qualifier) > 0;
    }

    private int update(String what, String sql, Object... args) {
        return inTransaction(what, c -> execute(c, sql, args));
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    private <T> T inTransaction(String what, SqlTransactions.SqlWork<T> work) {
        return SqlTransactions.inTransaction(dataSource, what, work);
    }
}
