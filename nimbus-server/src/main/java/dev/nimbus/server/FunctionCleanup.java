package dev.nimbus.server;

import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.object.ObjectStore;
import java.util.Map;

/**
 * The control plane's listener: the instance pool, and on a function's deletion its asynchronous
 * events, schedules, subscriptions and bucket notifications too, so that a function created later
 * under the same name starts clean.
 */
record FunctionCleanup(FunctionListener pool, EventStore events, ScheduleStore schedules, BusStore bus,
                       ObjectStore objects)
        implements FunctionListener {

    @Override
    public void revisionActivated(FunctionRevision revision) {
        pool.revisionActivated(revision);
    }

    @Override
    public void versionDeleted(String name, String version) {
        pool.versionDeleted(name, version);
    }

    @Override
    public void functionDeleted(String name) {
        pool.functionDeleted(name);
        schedules.deleteFunction(name);
        bus.deleteFunction(name);
        objects.deleteFunction(name);
        events.deleteFunction(name);
    }

    @Override
    public void reservedConcurrencyChanged(String name, Integer reserved) {
        pool.reservedConcurrencyChanged(name, reserved);
    }

    @Override
    public void provisionedFloorsChanged(String name, Map<String, Integer> floorPerVersion) {
        pool.provisionedFloorsChanged(name, floorPerVersion);
    }
}
