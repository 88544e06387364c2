package dev.nimbus.store.sql;

import dev.nimbus.core.secret.Secret;
import dev.nimbus.core.secret.SecretStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@link SecretStore} on table {@code secrets}: only sealed values, never a key. Writes go through
 * the event store's group commit, like every write beside the functions.
 *
 * <p>Threading: thread-safe.
 */
final class SqlSecretStore implements SecretStore {
    private final SqlEventStore events;

    SqlSecretStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public boolean put(String name, Sealed sealed, Instant at) {
        String nonce = Base64.getEncoder().encodeToString(sealed.nonce());
        String ciphertext = Base64.getEncoder().encodeToString(sealed.ciphertext());
        return events.write("store secret " + name, c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE secrets SET nonce = ?, ciphertext = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, nonce);
                update.setString(2, ciphertext);
                update.setLong(3, at.toEpochMilli());
                update.setString(4, name);
                if (update.executeUpdate() == 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO secrets"
                    + " (name, nonce, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, nonce);
                insert.setString(3, ciphertext);
                insert.setLong(4, at.toEpochMilli());
                insert.setLong(5, at.toEpochMilli());
                insert.executeUpdate();
                return true;
            }
        });
    }

    @Override
    public Optional<Sealed> sealed(String name) {
        return read("SELECT nonce, ciphertext FROM secrets WHERE name = ?", name, row -> new Sealed(
                Base64.getDecoder().decode(row.getString("nonce")), Base64.getDecoder().decode(row.getString("ciphertext"))))
                .stream().findFirst();
    }

    @Override
    public Optional<Secret> get(String name) {
        return read("SELECT name, created_at, updated_at FROM secrets WHERE name = ?", name, SqlSecretStore::secret)
                .stream().findFirst();
    }

    @Override
    public List<Secret> list() {
        return read("SELECT name, created_at, updated_at FROM secrets ORDER BY name", null, SqlSecretStore::secret);
    }

    @Override
    public boolean delete(String name) {
        return events.update("delete secret " + name, "DELETE FROM secrets WHERE name = ?", name) == 1;
    }

    private static Secret secret(ResultSet row) throws SQLException {
        return new Secret(row.getString("name"), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private <T> List<T> read(String sql, String name, SqlTransactions.RowReader<T> reader) {
        return SqlTransactions.query(events.dataSource(), "read secrets", sql, reader, name == null ? new Object[0] : new Object[] {name});
    }
}
