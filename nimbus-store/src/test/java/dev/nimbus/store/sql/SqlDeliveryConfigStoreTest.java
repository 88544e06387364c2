package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.event.Subscription;
import dev.nimbus.core.event.Topic;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery configurations per function and qualifier, and on subscriptions, on a real SQLite file. */
class SqlDeliveryConfigStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final DeliveryConfig FULL = new DeliveryConfig(1, 3600, Destination.parse("function:audit:live"),
            Destination.parse("topic:failures"), Destination.parse("topic:dead"));

    @TempDir
    Path dataDir;
    private SqlStore store;
    private DeliveryConfigStore configs;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
        configs = store.deliveryConfigs();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void configurationsRoundTripPerQualifierAndSurviveReopening() {
        configs.put("orders", "$LATEST", FULL);
        configs.put("orders", "live", new DeliveryConfig(0, null, null, null, null));
        configs.put("orders", "live", new DeliveryConfig(2, null, null, null, null));
        store.close();
        store = SqlStore.sqlite(dataDir);
        configs = store.deliveryConfigs();

        assertThat(configs.get("orders", "$LATEST")).contains(FULL);
        assertThat(configs.list("orders")).containsOnlyKeys("$LATEST", "live");
        assertThat(configs.get("orders", "live").orElseThrow().maxRetries()).isEqualTo(2);
        assertThat(configs.get("orders", "2")).isEmpty();
    }

    @Test
    void deleteRemovesOneOrEveryConfigurationOfAFunction() {
        configs.put("orders", "$LATEST", FULL);
        configs.put("orders", "live", FULL);
        configs.put("billing", "$LATEST", FULL);

        assertThat(configs.delete("orders", "live")).isTrue();
        assertThat(configs.delete("orders", "live")).isFalse();
        assertThat(configs.deleteFunction("orders")).isEqualTo(1);
        assertThat(configs.list("orders")).isEmpty();
        assertThat(configs.list("billing")).hasSize(1);
    }

    @Test
    void aSubscriptionKeepsItsDeliveryConfiguration() {
        store.bus().createTopic(new Topic("uploads", T0));
        store.bus().putSubscription(new Subscription("uploads", "resize", "orders", null, "{}", T0, FULL));
        store.bus().putSubscription(new Subscription("uploads", "plain", "orders", null, "{}", T0, null));

        assertThat(store.bus().subscription("uploads", "resize").orElseThrow().delivery()).isEqualTo(FULL);
        assertThat(store.bus().subscription("uploads", "plain").orElseThrow().delivery()).isNull();
    }
}
