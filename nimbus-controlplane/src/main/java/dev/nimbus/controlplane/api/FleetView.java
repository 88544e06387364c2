package dev.nimbus.controlplane.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the {@link FleetApi} shows, supplied by whoever runs the instances and the autoscaler. */
public interface FleetView {

    /** The function's revisions that have a pool, newest first. */
    List<RevisionStatus> revisions(String function);

    /** Every function with a pool, by name. */
    Map<String, List<RevisionStatus>> all();

    /**
     * One revision's scaling. {@code mode}, {@code reason} and {@code decidedAt} are null until the
     * autoscaler has looked at it; {@code decisions} are its last changes of count, newest first.
     */
    record RevisionStatus(String version, long revision, boolean retired, String metric, int desiredInstances,
                          int actualInstances, int startingInstances, int provisionedInstances, int inFlight,
                          int queued, long throttles, long coldStarts, String mode, String reason, Instant decidedAt,
                          List<Decision> decisions, List<InstanceStatus> instances) {
    }

    /** A change of the desired count and why. */
    record Decision(Instant at, int from, int to, String mode, String reason) {
    }

    /** One instance: {@code cpu} in cores over the last 10 s, memory resident now and at its peak. */
    record InstanceStatus(String id, String state, boolean provisioned, Instant lastUsed, double cpu, long memoryBytes,
                          long peakMemoryBytes) {
    }
}
