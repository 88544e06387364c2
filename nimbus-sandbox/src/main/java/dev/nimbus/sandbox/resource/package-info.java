/**
 * Resource use of instances: point-in-time samples of CPU time and resident memory, read from an
 * instance's process tree in {@code /proc} or from its cgroup, and bounded windows of samples that
 * turn them into CPU utilisation and current/peak memory for the autoscaler and {@code nimbus top}.
 */
package dev.nimbus.sandbox.resource;
