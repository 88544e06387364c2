package dev.nimbus.core.event;

import java.util.Map;
import java.util.Optional;

/**
 * The delivery configuration of each function's asynchronous invocations, per qualifier
 * ({@code $LATEST}, a version or an alias), as Lambda keeps event invoke configurations.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface DeliveryConfigStore {

    Optional<DeliveryConfig> get(String function, String qualifier);

    /** The function's configurations by qualifier. */
    Map<String, DeliveryConfig> list(String function);

    /** Creates or replaces. */
    void put(String function, String qualifier, DeliveryConfig config);

    /** False if there was none. */
    boolean delete(String function, String qualifier);

    /** Deletes every configuration of a deleted function; returns how many. */
    int deleteFunction(String function);
}
