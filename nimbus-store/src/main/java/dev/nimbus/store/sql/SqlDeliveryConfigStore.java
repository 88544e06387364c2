package dev.nimbus.store.sql;

import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DeliveryConfigStore} on table {@code delivery_configs}. Writes go through the event
 * store's group commit, like every write beside the events.
 *
 * <p>Threading: thread-safe.
 */
final class SqlDeliveryConfigStore implements DeliveryConfigStore {
    private final SqlEventStore events;

    SqlDeliveryConfigStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public Optional<DeliveryConfig> get(String function, String qualifier) {
        return Optional.ofNullable(read("SELECT qualifier, config FROM delivery_configs WHERE function_name = ?"
                + " AND qualifier = ?", function, qualifier).get(qualifier));
    }

    @Override
    public Map<String, DeliveryConfig> list(String function) {
        return read("SELECT qualifier, config FROM delivery_configs WHERE function_name = ? ORDER BY qualifier", function);
    }

    @Override
    public void put(String function, String qualifier, DeliveryConfig config) {
        events.write("store the delivery configuration of " + function + ":" + qualifier, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM delivery_configs WHERE function_name = ? AND qualifier = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO delivery_configs"
                         + " (function_name, qualifier, config) VALUES (?, ?, ?)")) {
                delete.setString(1, function);
                delete.setString(2, qualifier);
                delete.executeUpdate();
                insert.setString(1, function);
                insert.setString(2, qualifier);
                insert.setString(3, DeliveryJson.write(config));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean delete(String function, String qualifier) {
        return events.write("delete the delivery configuration of " + function + ":" + qualifier, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM delivery_configs WHERE function_name = ? AND qualifier = ?")) {
                delete.setString(1, function);
                delete.setString(2, qualifier);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int deleteFunction(String function) {
        return events.write("delete the delivery configurations of " + function, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM delivery_configs WHERE function_name = ?")) {
                delete.setString(1, function);
                return delete.executeUpdate();
            }
        });
    }

    private Map<String, DeliveryConfig> read(String sql, String... args) {
        return SqlTransactions.read(events.dataSource(), "read delivery configurations", c -> {
            Map<String, DeliveryConfig> out = new LinkedHashMap<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setString(i + 1, args[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        out.put(row.getString("qualifier"), DeliveryJson.read(row.getString("config")));
                    }
                }
            }
            return out;
        });
    }
}
