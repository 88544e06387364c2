package dev.nimbus.core.function;

import java.util.Optional;

/** Read side used on the request path: resolves what a caller names to the revision that serves it. */
public interface FunctionCatalog {

    /** The current state of a function. */
    Optional<FunctionState> state(String name);

    /**
     * Resolves {@code name} with an optional qualifier (null or {@code $LATEST}, a version number,
     * or an alias, whose weights pick one version per call).
     */
    Optional<Target> resolve(String name, String qualifier);

    /** The function URL with this id (the 32 characters in {@code /url/<id>/}), if any. */
    Optional<FunctionUrl> url(String urlId);

    /**
     * What one invocation runs.
     *
     * @param revision  the version that runs ({@code revision.version()} is the executed version)
     * @param qualifier the qualifier the caller used, or null: part of the invoked function ARN
     */
    record Target(FunctionRevision revision, String qualifier) {
    }
}
