/**
 * HTTP protections that Helidon's own options do not give: deadlines for clients that send their
 * request headers or body too slowly.
 */
package dev.nimbus.server.http;
