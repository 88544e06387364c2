/**
 * The scaler loop: ticks every few seconds (and at once when a request finds no capacity), asks
 * the decider about every revision, applies the counts and keeps what it decided and why.
 */
package dev.nimbus.autoscaler.loop;
