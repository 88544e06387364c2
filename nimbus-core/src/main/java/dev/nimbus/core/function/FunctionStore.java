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

    /**
     * Stores {@code candidate}, built by the caller with the next revision number (1 for a new
     * function) and its own revision id, and makes it {@code $LATEST}, recording a successful update
     * at its creation time, atomically. Lets a caller prove a revision works before it exists.
     *
     * @throws IllegalStateException if another revision took that number first
     */
    FunctionRevision createRevision(FunctionRevision candidate);

    /** Records that an update of an existing function failed; {@code $LATEST} stays as it is. */
    void recordFailedUpdate(String name, LastUpdate failure);

    /** Everything about one function, if it exists. */
    Optional<FunctionState> state(String name);

    /** The state of every function, ordered by name. */
    List<FunctionState> listStates();

    /** Deletes a function with its revisions, versions, aliases, URLs and provisioned concurrency; false if it did not exist. */
    boolean delete(String name);

    /**
     * Publishes {@code revision} as the next version number (numbers are never reused, even after
     * deletes).
     *
     * @param description the version's description, or null for the revision's own
     * @return the version as it serves invocations
     */
    FunctionRevision publish(String name, long revision, String description, Instant now);

    /** Deletes one published version with its provisioned concurrency; false if it did not exist. */
    boolean deleteVersion(String name, String version);

    /** Creates or replaces an alias. */
    void putAlias(Alias alias);

    /** Deletes an alias with its function URL and provisioned concurrency, if any; false if the alias did not exist. */
    boolean deleteAlias(String function, String alias);

    /** Sets (or with null, removes) the concurrency reserved for a function. */
    void setReservedConcurrency(String name, Integer reserved);

    /** Creates or replaces the provisioned concurrency of a version or alias. */
    void putProvisioned(ProvisionedConcurrency config);

    /** Deletes the provisioned concurrency of a version or alias; false if there was none. */
    boolean deleteProvisioned(String function, String qualifier);

    /** Creates or replaces a function URL. */
    void putUrl(FunctionUrl url);

    /** Deletes a function URL ({@code qualifier} null for the unqualified one); false if there was none. */
    boolean deleteUrl(String function, String qualifier);
}
