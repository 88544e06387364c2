/**
 * The pure scaling decision: per-function knobs ({@link dev.nimbus.autoscaler.decide.ScalingSpec}),
 * what the loop observed ({@link dev.nimbus.autoscaler.decide.Observation}), the explicit state
 * carried between ticks ({@link dev.nimbus.autoscaler.decide.ScalerState}) and the Knative-KPA-shaped
 * {@link dev.nimbus.autoscaler.decide.Decider}. No threads, no clock reads.
 */
package dev.nimbus.autoscaler.decide;

import dev.nimbus.core.function.ScalingSpec;
