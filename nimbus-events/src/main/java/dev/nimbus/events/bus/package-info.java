/**
 * The event bus: topics, subscriptions and their filters.
 */
package dev.nimbus.events.bus;
