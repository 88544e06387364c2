package dev.nimbus.core.function;

import java.util.Map;

/** Told when what serves a function changes, so that instances that no longer serve can drain and stop. */
public interface FunctionListener {

    /** {@code revision} now serves {@code $LATEST}; instances of older {@code $LATEST} revisions should finish and stop. */
    void revisionActivated(FunctionRevision revision);

    /** A published version is gone; its instances should finish their in-flight work and stop. */
    void versionDeleted(String name, String version);

    /** The function is gone; its instances should finish their in-flight work and stop. */
    void functionDeleted(String name);

    /** The concurrency reserved for a function changed (null: none reserved). */
    void reservedConcurrencyChanged(String name, Integer reserved);

    /**
     * The provisioned-concurrency floors of a function changed: {@code floorPerVersion} maps each
     * published version to the instances to keep started and initialised, replacing every floor
     * told before for {@code name} (empty: none). Also called once per function at startup.
     */
    void provisionedFloorsChanged(String name, Map<String, Integer> floorPerVersion);
}
