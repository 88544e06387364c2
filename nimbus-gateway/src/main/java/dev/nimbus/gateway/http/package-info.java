/**
 * Function HTTP routes: an HTTP request becomes an API Gateway HTTP API (payload 2.0) event and the
 * function's result becomes the HTTP response (lambda-compat.md §6.2).
 */
package dev.nimbus.gateway.http;
