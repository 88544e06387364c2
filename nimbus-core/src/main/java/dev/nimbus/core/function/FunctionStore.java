package dev.nimbus.core.function;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable function metadata: revisions of {@code $LATEST}, published versions, aliases, function
 * URLs and function-wide settings. Implementations are thread-safe; each method is atomic.
 */
public interface FunctionStore {

    /**
     * Creates the next revision of a function (revision 1 creates the function) and makes it
     * {@code $LATEST}, atomically.
     */
    FunctionRevision createRevision(String name, FunctionConfig config, String codeSha256, long codeSize, Instant now);

    /** Everything about one function, if it exists. */
    Optional<FunctionState> state(String name);

    /** The state of every function, ordered by name. */
    List<FunctionState> listStates();

    /** Deletes a function with its revisions, versions, aliases and URLs; false if it did not exist. */
    boolean delete(String name);

    /**
     * Publishes {@code revision} as the next version number (numbers are never reused, even after
     * deletes).
     *
     * @param description the version's description, or null for the revision's own
     * @return the version as it serves invocations
     */
    FunctionRevision publish(String name, long revision, String description, Instant now);

    /** Deletes one published version; false if it did not exist. */
    boolean deleteVersion(String name, String version);

    /** Creates or replaces an alias. */
    void putAlias(Alias alias);

    /** Deletes an alias and its function URL, if any; false if the alias did not exist. */
    boolean deleteAlias(String function, String alias);

    /** Sets (or with null, removes) the concurrency reserved for a function. */
    void setReservedConcurrency(String name, Integer reserved);

    /** Creates or replaces a function URL. */
    void putUrl(FunctionUrl url);

    /** Deletes a function URL ({@code qualifier} null for the unqualified one); false if there was none. */
    boolean deleteUrl(String function, String qualifier);
}
