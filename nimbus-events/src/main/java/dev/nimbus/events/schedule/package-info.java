/**
 * Schedules: EventBridge rate and cron expressions that fire durable asynchronous invocations,
 * each tick exactly once, also across a restart.
 */
package dev.nimbus.events.schedule;
