package dev.nimbus.store.sql;

import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DeliveryConfigStore} on table {@code delivery_configs}. Writes go through the event
 * store's group commit, like every write beside the events. Every delivery attempt looks its
 * configuration up, so reads come from a copy in memory, loaded per function on first use and
 * replaced after each committed write (this node is the only writer).
 *
 * <p>Threading: thread-safe; a write and the cache update that follows it run under the
 * function's entry in the cache.
 */
final class SqlDeliveryConfigStore implements DeliveryConfigStore {
    private final SqlEventStore events;
    /** Function → qualifier → configuration, ordered by qualifier; absent until first read. */
    private final ConcurrentHashMap<String, Map<String, DeliveryConfig>> cache = new ConcurrentHashMap<>();

    SqlDeliveryConfigStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public Optional<DeliveryConfig> get(String function, String qualifier) {
        return Optional.ofNullable(list(function).get(qualifier));
    }

    @Override
    public Map<String, DeliveryConfig> list(String function) {
        return cache.computeIfAbsent(function, this::load);
    }

    private Map<String, DeliveryConfig> load(String function) {
        return Collections.unmodifiableMap(read("SELECT qualifier, config FROM delivery_configs WHERE function_name = ?"
                + " ORDER BY qualifier", function));
    }

    @Override
    public void put(String function, String qualifier, DeliveryConfig config) {
        updating(function, () -> cache.compute(function, (f, cached) -> {
            write(function, qualifier, config);
            return load(function);
        }));
    }

    /** Runs a write that updates the cache; if it fails, the function is read from the database again. */
    private void updating(String function, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            cache.remove(function);
            throw e;
        }
    }

    private void write(String function, String qualifier, DeliveryConfig config) {
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
        boolean[] deleted = new boolean[1];
        updating(function, () -> cache.compute(function, (f, cached) -> {
            deleted[0] = deleteRow(function, qualifier);
            return load(function);
        }));
        return deleted[0];
    }

    private boolean deleteRow(String function, String qualifier) {
        return events.update("delete the delivery configuration of " + function + ":" + qualifier,
                "DELETE FROM delivery_configs WHERE function_name = ? AND qualifier = ?", function, qualifier) == 1;
    }

    @Override
    public int deleteFunction(String function) {
        int[] deleted = new int[1];
        updating(function, () -> cache.compute(function, (f, cached) -> {
            deleted[0] = events.update("delete the delivery configurations of " + function,
                    "DELETE FROM delivery_configs WHERE function_name = ?", function);
            return null;
        }));
        return deleted[0];
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
