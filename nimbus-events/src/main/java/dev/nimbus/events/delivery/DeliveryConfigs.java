package dev.nimbus.events.delivery;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.event.Subscription;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the delivery configuration an event follows, the most specific that exists: that of the
 * subscription, bucket notification or schedule that caused it; else its function's for the
 * qualifier it was sent to ({@code $LATEST} when none), as Lambda applies event invoke
 * configurations; else none (the server's defaults). A configuration applies whole: fields it
 * leaves unset take the server's defaults, not those of a less specific configuration.
 *
 * <p>Threading: thread-safe; every call reads the stores, so a change applies to the next attempt.
 */
public final class DeliveryConfigs implements Function<AsyncEvent, DeliveryConfig> {
    private static final String SUBSCRIPTION = "subscription:";
    private static final String SCHEDULE = Schedule.origin("");
    private static final String NOTIFICATION = "notification:";

    private final DeliveryConfigStore functions;
    private final BusStore bus;
    private final ScheduleStore schedules;
    private final ObjectStore objects;

    public DeliveryConfigs(DeliveryConfigStore functions, BusStore bus, ScheduleStore schedules, ObjectStore objects) {
        this.functions = functions;
        this.bus = bus;
        this.schedules = schedules;
        this.objects = objects;
    }

    @Override
    public DeliveryConfig apply(AsyncEvent event) {
        return ofOrigin(event.origin())
                .or(() -> functions.get(event.function(),
                        event.qualifier() == null ? FunctionRevision.LATEST : event.qualifier()))
                .orElse(DeliveryConfig.NONE);
    }

    private Optional<DeliveryConfig> ofOrigin(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        if (origin.startsWith(SUBSCRIPTION)) {
            String[] topicAndName = origin.substring(SUBSCRIPTION.length()).split("/", 2);
            return topicAndName.length < 2 ? Optional.empty()
                    : bus.subscription(topicAndName[0], topicAndName[1]).map(Subscription::delivery);
        }
        if (origin.startsWith(NOTIFICATION)) {
            String[] bucketAndName = origin.substring(NOTIFICATION.length()).split("/", 2);
            return bucketAndName.length < 2 ? Optional.empty()
                    : objects.notification(bucketAndName[0], bucketAndName[1]).map(BucketNotification::delivery);
        }
        if (origin.startsWith(SCHEDULE)) {
            return schedules.get(origin.substring(SCHEDULE.length())).map(Schedule::delivery);
        }
        return Optional.empty();
    }
}
