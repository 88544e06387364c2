package dev.nimbus.store.sql;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.ScheduleStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ScheduleStore} on table {@code schedules}. Writes go through the event store's group
 * commit, so a firing stores its events and the schedule's next tick in one transaction.
 *
 * <p>Threading: thread-safe.
 */
final class SqlScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "name, function_name, qualifier, expression, time_zone, created_at,"
            + " next_fire_at, last_fired_at, skipped, delivery";

    private final SqlEventStore events;

    SqlScheduleStore(SqlEventStore events) {
        this.events = events;
    }

    @Override
    public void put(Schedule s) {
        events.write("store schedule " + s.name(), c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM schedules WHERE name = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO schedules (" + COLUMNS
                         + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, s.name());
                delete.executeUpdate();
                insert.setString(1, s.name());
                insert.setString(2, s.function());
                insert.setString(3, s.qualifier());
                insert.setString(4, s.expression());
                insert.setString(5, s.timeZone());
                insert.setLong(6, s.createdAt().toEpochMilli());
                insert.setLong(7, s.nextFireAt().toEpochMilli());
                SqlEventStore.setInstant(insert, 8, s.lastFiredAt());
                insert.setLong(9, s.skipped());
                insert.setString(10, DeliveryJson.write(s.delivery()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Schedule> get(String name) {
        return query("SELECT " + COLUMNS + " FROM schedules WHERE name = ?", name).stream().findFirst();
    }

    @Override
    public List<Schedule> list() {
        return query("SELECT " + COLUMNS + " FROM schedules ORDER BY name");
    }

    @Override
    public boolean delete(String name) {
        return events.update("delete schedule " + name, "DELETE FROM schedules WHERE name = ?", name) == 1;
    }

    @Override
    public int deleteFunction(String function) {
        return events.update("delete the schedules of " + function, "DELETE FROM schedules WHERE function_name = ?",
                function);
    }

    @Override
    public List<Schedule> due(Instant now) {
        return query("SELECT " + COLUMNS + " FROM schedules WHERE next_fire_at <= ? ORDER BY next_fire_at", now.toEpochMilli());
    }

    @Override
    public boolean fire(Schedule s, List<AsyncEvent> fired, Instant nextFireAt, Instant lastFiredAt, long skipped) {
        return events.write("fire schedule " + s.name(), c -> {
            try (PreparedStatement move = c.prepareStatement("UPDATE schedules SET next_fire_at = ?,"
                    + " last_fired_at = COALESCE(?, last_fired_at), skipped = skipped + ?"
                    + " WHERE name = ? AND next_fire_at = ? AND created_at = ?")) {
                move.setLong(1, nextFireAt.toEpochMilli());
                SqlEventStore.setInstant(move, 2, lastFiredAt);
                move.setLong(3, skipped);
                move.setString(4, s.name());
                move.setLong(5, s.nextFireAt().toEpochMilli());
                move.setLong(6, s.createdAt().toEpochMilli());
                if (move.executeUpdate() != 1) {
                    return false; // fired by someone else, replaced or deleted meanwhile
                }
            }
            for (AsyncEvent e : fired) {
                SqlEventStore.insert(c, e);
            }
            return true;
        });
    }

    private List<Schedule> query(String sql, Object... args) {
        return SqlTransactions.read(events.dataSource(), "read schedules", c -> {
            List<Schedule> out = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        long last = row.getLong("last_fired_at");
                        Instant lastFired = row.wasNull() ? null : Instant.ofEpochMilli(last);
                        out.add(new Schedule(row.getString("name"), row.getString("function_name"),
                                row.getString("qualifier"), row.getString("expression"), row.getString("time_zone"),
                                Instant.ofEpochMilli(row.getLong("created_at")),
                                Instant.ofEpochMilli(row.getLong("next_fire_at")), lastFired, row.getLong("skipped"),
                                DeliveryJson.read(row.getString("delivery"))));
                    }
                }
            }
            return out;
        });
    }
}
