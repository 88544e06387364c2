package dev.nimbus.store.sql;

import dev.nimbus.core.tenancy.Claim;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.NamespaceStore;
import dev.nimbus.core.tenancy.ResourceKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * {@link NamespaceStore} on tables {@code namespaces} and {@code resource_owners}. Writes go through
 * the event store's group commit, like every write beside the functions, so a claim and the
 * reading of its winner are one transaction.
 *
 * <p>Threading: thread-safe.
 */
final class SqlNamespaceStore implements NamespaceStore {
    private final SqlEventStore events;

    SqlNamespaceStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public List<Namespace> list() {
        return SqlTransactions.query(events.dataSource(), "read namespaces", "SELECT name, max_functions,"
                + " max_instances, max_code_bytes, created_at FROM namespaces ORDER BY name", SqlNamespaceStore::namespace);
    }

    @Override
    public boolean put(Namespace n) {
        return events.write("store namespace " + n.name(), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE namespaces SET max_functions = ?,"
                    + " max_instances = ?, max_code_bytes = ? WHERE name = ?")) {
                quotas(update, n);
                update.setString(4, n.name());
                if (update.executeUpdate() == 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO namespaces (max_functions, max_instances,"
                    + " max_code_bytes, name, created_at) VALUES (?, ?, ?, ?, ?)")) {
                quotas(insert, n);
                insert.setString(4, n.name());
                insert.setLong(5, n.createdAt().toEpochMilli());
                insert.executeUpdate();
                return true;
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return events.write("delete namespace " + name, c -> {
            try (PreparedStatement claims = c.prepareStatement("DELETE FROM resource_owners WHERE namespace = ?")) {
                claims.setString(1, name);
                claims.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM namespaces WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Claim> claims() {
        return SqlTransactions.query(events.dataSource(), "read resource owners",
                "SELECT kind, name, namespace FROM resource_owners", row -> new Claim(
                        ResourceKind.parse(row.getString("kind")), row.getString("name"), row.getString("namespace")));
    }

    @Override
    public String claim(ResourceKind kind, String name, String namespace) {
        return events.write("claim " + kind.wireName() + " " + name, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO resource_owners (kind, name, namespace)"
                    + " VALUES (?, ?, ?) ON CONFLICT (kind, name) DO NOTHING")) {
                insert.setString(1, kind.wireName());
                insert.setString(2, name);
                insert.setString(3, namespace);
                insert.executeUpdate();
            }
            try (PreparedStatement owner = c.prepareStatement(
                    "SELECT namespace FROM resource_owners WHERE kind = ? AND name = ?")) {
                owner.setString(1, kind.wireName());
                owner.setString(2, name);
                try (ResultSet row = owner.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("the claim of " + kind.wireName() + " " + name + " vanished");
                    }
                    return row.getString(1);
                }
            }
        });
    }

    private static void quotas(PreparedStatement statement, Namespace n) throws SQLException {
        setOrNull(statement, 1, n.maxFunctions(), Types.INTEGER);
        setOrNull(statement, 2, n.maxInstances(), Types.INTEGER);
        setOrNull(statement, 3, n.maxCodeBytes(), Types.BIGINT);
    }

    private static void setOrNull(PreparedStatement statement, int index, Number value, int type) throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setObject(index, value, type);
        }
    }

    private static Namespace namespace(ResultSet row) throws SQLException {
        return new Namespace(row.getString("name"), nullableInt(row, "max_functions"), nullableInt(row, "max_instances"),
                row.getObject("max_code_bytes") == null ? null : row.getLong("max_code_bytes"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private static Integer nullableInt(ResultSet row, String column) throws SQLException {
        return row.getObject(column) == null ? null : row.getInt(column);
    }
}
