/**
 * Function HTTP routes: an HTTP request becomes an API Gateway event, payload 2.0 (HTTP API,
 * function URL) or 1.0 (REST API proxy) as the function chooses, and the function's result becomes
 * the HTTP response (lambda-compat.md §6.1-6.2).
 */
package dev.nimbus.gateway.http;
