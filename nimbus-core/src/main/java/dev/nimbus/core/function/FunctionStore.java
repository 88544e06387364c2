package dev.nimbus.core.function;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable function metadata. Implementations are thread-safe. */
public interface FunctionStore {

    /**
     * Creates the next revision of a function (revision 1 creates the function) and makes it the
     * latest, atomically.
     */
    FunctionRevision createRevision(String name, FunctionConfig config, String codeSha256, long codeSize, Instant now);

    /** The latest revision of a function, if it exists. */
    Optional<FunctionRevision> latest(String name);

    /** The latest revision of every function, ordered by name. */
    List<FunctionRevision> listLatest();

    /** Deletes a function and all its revisions; false if it did not exist. */
    boolean delete(String name);
}
