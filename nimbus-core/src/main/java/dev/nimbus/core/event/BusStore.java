package dev.nimbus.core.event;

import java.util.List;
import java.util.Optional;

/**
 * Topics and subscriptions of the event bus. Deleting a topic deletes its subscriptions.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface BusStore {

    /** False if the topic existed already (it is left as it was). */
    boolean createTopic(Topic topic);

    Optional<Topic> topic(String name);

    List<Topic> topics();

    /** False if there was no such topic. */
    boolean deleteTopic(String name);

    /** Creates or replaces the subscription; its topic must exist. */
    void putSubscription(Subscription subscription);

    Optional<Subscription> subscription(String topic, String name);

    List<Subscription> subscriptions(String topic);

    boolean deleteSubscription(String topic, String name);

    /** Deletes the subscriptions that invoke a deleted function; returns how many. */
    int deleteFunction(String function);
}
