/**
 * What every HTTP API of Nimbus answers when a request fails: the error codes with their HTTP
 * status, the user-facing messages, and the bounded reading of request bodies.
 */
package dev.nimbus.core.api;
