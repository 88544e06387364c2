/** Durable asynchronous invocations: the event record, its delivery status and where events are kept. */
package dev.nimbus.core.event;
