package dev.nimbus.store.sql;

import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.Subscription;
import dev.nimbus.core.event.Topic;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link BusStore} on tables {@code topics} and {@code subscriptions} (deleted with their topic by
 * the foreign key). Writes go through the event store's group commit.
 *
 * <p>Threading: thread-safe.
 */
final class SqlBusStore implements BusStore {
    private static final String SUBSCRIPTION_COLUMNS = "topic, name, function_name, qualifier, filter, created_at,"
            + " delivery";

    private final SqlEventStore events;

    SqlBusStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public boolean createTopic(Topic topic) {
        return events.write("create topic " + topic.name(), c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO topics (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, topic.name());
                insert.setLong(2, topic.createdAt().toEpochMilli());
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Topic> topic(String name) {
        return topics("SELECT name, created_at FROM topics WHERE name = ?", name).stream().findFirst();
    }

    @Override
    public List<Topic> topics() {
        return topics("SELECT name, created_at FROM topics ORDER BY name");
    }

    @Override
    public boolean deleteTopic(String name) {
        return events.update("delete topic " + name, "DELETE FROM topics WHERE name = ?", name) == 1;
    }

    @Override
    public void putSubscription(Subscription s) {
        events.write("store subscription " + s.topic() + "/" + s.name(), c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM subscriptions WHERE topic = ? AND name = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO subscriptions (" + SUBSCRIPTION_COLUMNS
                         + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, s.topic());
                delete.setString(2, s.name());
                delete.executeUpdate();
                insert.setString(1, s.topic());
                insert.setString(2, s.name());
                insert.setString(3, s.function());
                insert.setString(4, s.qualifier());
                insert.setString(5, s.filter());
                insert.setLong(6, s.createdAt().toEpochMilli());
                insert.setString(7, DeliveryJson.write(s.delivery()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Subscription> subscription(String topic, String name) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscriptions WHERE topic = ? AND name = ?",
                topic, name).stream().findFirst();
    }

    @Override
    public List<Subscription> subscriptions(String topic) {
        return subscriptions("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscriptions WHERE topic = ? ORDER BY name", topic);
    }

    @Override
    public boolean deleteSubscription(String topic, String name) {
        return events.update("delete subscription " + topic + "/" + name,
                "DELETE FROM subscriptions WHERE topic = ? AND name = ?", topic, name) == 1;
    }

    @Override
    public int deleteFunction(String function) {
        return events.update("delete the subscriptions of " + function, "DELETE FROM subscriptions WHERE function_name = ?",
                function);
    }

    private List<Topic> topics(String sql, Object... args) {
        return read(sql, args, row -> new Topic(row.getString("name"), Instant.ofEpochMilli(row.getLong("created_at"))));
    }

    private List<Subscription> subscriptions(String sql, Object... args) {
        return read(sql, args, row -> new Subscription(row.getString("topic"), row.getString("name"),
                row.getString("function_name"), row.getString("qualifier"), row.getString("filter"),
                Instant.ofEpochMilli(row.getLong("created_at")), DeliveryJson.read(row.getString("delivery"))));
    }

    private <T> List<T> read(String sql, Object[] args, SqlTransactions.RowReader<T> reader) {
        return SqlTransactions.query(events.dataSource(), "read the event bus", sql, reader, args);
    }
}
