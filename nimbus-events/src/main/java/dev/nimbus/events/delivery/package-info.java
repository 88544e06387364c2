/**
 * Delivery of durable asynchronous invocations: claim due events with a lease, invoke, and retry,
 * dead-letter or complete them by one {@link dev.nimbus.events.delivery.DeliveryPolicy}.
 */
package dev.nimbus.events.delivery;
