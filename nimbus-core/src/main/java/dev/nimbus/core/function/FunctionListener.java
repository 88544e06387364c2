package dev.nimbus.core.function;

/** Told when the serving revision of a function changes, so that old instances can drain and stop. */
public interface FunctionListener {

    /** {@code revision} now serves new invocations; instances of older revisions should finish and stop. */
    void revisionActivated(FunctionRevision revision);

    /** The function is gone; its instances should finish their in-flight work and stop. */
    void functionDeleted(String name);
}
