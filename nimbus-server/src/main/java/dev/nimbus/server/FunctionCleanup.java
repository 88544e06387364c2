package dev.nimbus.server;

import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.store.sql.SqlStore;
import java.util.Map;

/**
 * The control plane's listener: the instance pool, and on a function's deletion its asynchronous
 * events, schedules, subscriptions, delivery configurations and bucket notifications too, so that a function created
 * later under the same name starts clean.
 */
record FunctionCleanup(FunctionListener pool, SqlStore store) implements FunctionListener {

    @Override
    public void revisionActivated(FunctionRevision revision) {
        pool.revisionActivated(revision);
    }

    @Override
    public void versionDeleted(String name, String version) {
        pool.versionDeleted(name, version);
        store.deliveryConfigs().delete(name, version);
    }

    @Override
    public void functionDeleted(String name) {
        pool.functionDeleted(name);
        store.schedules().deleteFunction(name);
        store.bus().deleteFunction(name);
        store.deliveryConfigs().deleteFunction(name);
        store.objects().deleteFunction(name);
        store.events().deleteFunction(name);
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
