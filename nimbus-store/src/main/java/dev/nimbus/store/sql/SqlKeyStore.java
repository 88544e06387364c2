package dev.nimbus.store.sql;

import dev.nimbus.core.access.ApiKey;
import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.access.Role;
import dev.nimbus.core.secret.SecretStore;
import dev.nimbus.core.tenancy.Namespace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@link KeyStore} on table {@code api_keys}: hashes and sealed secrets only. Writes go through the
 * event store's group commit, like every write beside the functions; a deletion checks for the last
 * admin key of the default namespace in the same transaction, so two deletions at once cannot
 * remove both of the last two.
 *
 * <p>Threading: thread-safe.
 */
final class SqlKeyStore implements KeyStore {
    private static final String ADMIN = Role.ADMIN.wireName();
    private final SqlEventStore events;

    SqlKeyStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public void insert(ApiKey key) {
        events.update("store API key " + key.id(), "INSERT INTO api_keys (id, name, role, namespace,"
                        + " secret_sha256, nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", key.id(),
                key.name(), key.role().wireName(), key.namespace(), key.secretSha256(), Base64.getEncoder().encodeToString(key.sealed().nonce()),
                Base64.getEncoder().encodeToString(key.sealed().ciphertext()), key.createdAt().toEpochMilli());
    }

    @Override
    public List<ApiKey> list() {
        return SqlTransactions.query(events.dataSource(), "read API keys", "SELECT id, name, role, namespace,"
                + " secret_sha256, nonce, ciphertext, created_at FROM api_keys ORDER BY created_at, id", SqlKeyStore::key);
    }

    @Override
    public Deletion delete(String id) {
        return events.write("delete API key " + id, c -> {
            String role;
            String namespace;
            try (PreparedStatement find = c.prepareStatement("SELECT role, namespace FROM api_keys WHERE id = ?")) {
                find.setString(1, id);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        return Deletion.NOT_FOUND;
                    }
                    role = row.getString(1);
                    namespace = row.getString(2);
                }
            }
            if (role.equals(ADMIN) && namespace.equals(Namespace.DEFAULT)) {
                try (PreparedStatement count = c.prepareStatement(
                        "SELECT COUNT(*) FROM api_keys WHERE role = ? AND namespace = ?")) {
                    count.setString(1, ADMIN);
                    count.setString(2, Namespace.DEFAULT);
                    try (ResultSet row = count.executeQuery()) {
                        if (row.next() && row.getLong(1) <= 1) {
                            return Deletion.LAST_ADMIN;
                        }
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            return Deletion.DELETED;
        });
    }

    private static ApiKey key(ResultSet row) throws SQLException {
        String stored = row.getString("role");
        Role role = Role.parse(stored).orElseThrow(() -> new SQLException("unknown role in api_keys: " + stored));
        return new ApiKey(row.getString("id"), row.getString("name"), role, row.getString("namespace"),
                row.getString("secret_sha256"),
                new SecretStore.Sealed(Base64.getDecoder().decode(row.getString("nonce")),
                        Base64.getDecoder().decode(row.getString("ciphertext"))),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
