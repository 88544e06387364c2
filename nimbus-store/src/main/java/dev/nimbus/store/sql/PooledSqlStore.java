package dev.nimbus.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.secret.SecretStore;
import dev.nimbus.core.tenancy.NamespaceStore;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pool plus the stores built on it, whatever the dialect.
 *
 * <p>Threading: immutable after {@link #open}; the pool and the stores are thread-safe.
 */
final class PooledSqlStore implements SqlStore {
    /** Migrations every dialect runs; a dialect-specific folder can be added beside it. */
    static final String COMMON_MIGRATIONS = "classpath:db/migration/common";

    private final HikariDataSource dataSource;
    private final SqlFunctionStore functions;
    private final SqlEventStore events;
    private final SqlScheduleStore schedules;
    private final SqlBusStore bus;
    private final SqlDeliveryConfigStore deliveryConfigs;
    private final SqlSecretStore secrets;
    private final SqlKeyStore keys;
    private final SqlNamespaceStore namespaces;
    private final SqlObjectStore objects;

    private PooledSqlStore(HikariDataSource dataSource, Path objectDir) {
        this.dataSource = dataSource;
        this.functions = new SqlFunctionStore(dataSource);
        this.events = new SqlEventStore(dataSource);
        this.schedules = new SqlScheduleStore(events);
        this.bus = new SqlBusStore(events);
        this.deliveryConfigs = new SqlDeliveryConfigStore(events);
        this.secrets = new SqlSecretStore(events);
        this.keys = new SqlKeyStore(events);
        this.namespaces = new SqlNamespaceStore(events);
        this.objects = new SqlObjectStore(events, new ObjectFiles(objectDir));
    }

    /**
     * Migrates the schema and takes ownership of the pool (closing it if opening fails); object
     * bytes are kept in {@code objectDir}.
     */
    static PooledSqlStore open(HikariDataSource dataSource, Path objectDir) {
        try {
            Flyway.configure(PooledSqlStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(COMMON_MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new PooledSqlStore(dataSource, objectDir);
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreException("cannot migrate database schema", e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Override
    public FunctionStore functions() {
        return functions;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public BusStore bus() {
        return bus;
    }

    @Override
    public DeliveryConfigStore deliveryConfigs() {
        return deliveryConfigs;
    }

    @Override
    public SecretStore secrets() {
        return secrets;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public NamespaceStore namespaces() {
        return namespaces;
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        events.close();
        dataSource.close();
    }
}
