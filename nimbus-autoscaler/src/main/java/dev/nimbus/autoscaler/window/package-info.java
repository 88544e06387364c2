/**
 * Time-bucketed metric windows: immutable per-second buckets that answer "what was the average
 * (or the peak) over the last N seconds at time t". Timestamps are passed in; nothing here reads
 * a clock.
 */
package dev.nimbus.autoscaler.window;
