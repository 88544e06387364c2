package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The native management API as the CLI uses it. Every method either returns what the server
 * answered or throws an {@link ApiException} carrying a message fit for the user; no other
 * exception escapes.
 */
public interface ManagementApi extends AutoCloseable {

    /**
     * A client of the server at {@code baseUri} (scheme, host, port; no trailing slash), sending
     * {@code apiKey} as {@code Authorization: Bearer} (none when null).
     */
    static ManagementApi connect(URI baseUri, String apiKey) {
        return connect(baseUri, apiKey, null);
    }

    /**
     * As {@link #connect(URI, String)}, acting in {@code namespace}: sent as
     * {@code X-Nimbus-Namespace} on every request; none when null, and the key acts in its own.
     */
    static ManagementApi connect(URI baseUri, String apiKey, String namespace) {
        return connect(baseUri, apiKey, apiKey == null ? null : "the given key", namespace);
    }

    /**
     * As {@link #connect(URI, String, String)}; a 401 or 403 answer names {@code keySource}
     * ({@code --api-key}, {@code $NIMBUS_API_KEY}, a file), never the key.
     */
    static ManagementApi connect(URI baseUri, String apiKey, String keySource, String namespace) {
        return new HttpManagementApi(baseUri, apiKey, keySource, namespace);
    }

    /** The server this client talks to, e.g. {@code http://127.0.0.1:8080}. */
    URI baseUri();

    /** {@code POST /api/v1/code}: stores a zip archive and returns its content address. */
    CodeRef uploadCode(byte[] zip);

    /** {@code PUT /api/v1/functions/{name}}: creates the function or its next revision. */
    JsonNode putFunction(String name, ObjectNode configuration);

    /** {@code GET /api/v1/functions}: the document {@code {"functions":[...]}}. */
    JsonNode listFunctions();

    /** {@code GET /api/v1/functions/{name}}. */
    JsonNode getFunction(String name);

    /** {@code DELETE /api/v1/functions/{name}}. */
    void deleteFunction(String name);

    /** {@code GET /api/v1/top}: {@code {"functions":[...]}}, the running instances per function. */
    JsonNode top();

    /**
     * {@code GET /api/v1/functions/{name}/invocations}: {@code {"invocations":[...], "nextCursor"?}},
     * newest first; {@code nextCursor} is absent on the last page.
     */
    JsonNode invocations(String name, InvocationFilter filter);

    /** {@code GET /api/v1/functions/{name}/invocations/{requestId}}: one record, with its log. */
    JsonNode invocation(String name, String requestId);

    /** {@code GET /api/v1/functions/{name}/instances}: {@code {"instances":[...]}} with CPU and memory. */
    JsonNode instances(String name);

    /**
     * {@code POST /api/v1/functions/{name}/versions}: publishes {@code $LATEST} as the next version,
     * or returns the newest version when it already holds {@code $LATEST}.
     */
    JsonNode publishVersion(String name, ObjectNode request);

    /** {@code GET /api/v1/functions/{name}/versions}: the document {@code {"versions":[$LATEST, 1, 2, ...]}}. */
    JsonNode listVersions(String name);

    /** {@code DELETE /api/v1/functions/{name}/versions/{version}}; refused while an alias routes to it. */
    void deleteVersion(String name, String version);

    /** {@code GET /api/v1/functions/{name}/aliases}: the document {@code {"aliases":[...]}}. */
    JsonNode listAliases(String name);

    /** {@code GET /api/v1/functions/{name}/aliases/{alias}}. */
    JsonNode getAlias(String name, String alias);

    /** {@code PUT /api/v1/functions/{name}/aliases/{alias}}: creates the alias or updates it. */
    Saved putAlias(String name, String alias, ObjectNode request);

    /** {@code DELETE /api/v1/functions/{name}/aliases/{alias}}. */
    void deleteAlias(String name, String alias);

    /** {@code PUT /api/v1/functions/{name}/concurrency}. */
    void reserveConcurrency(String name, int reserved);

    /** {@code DELETE /api/v1/functions/{name}/concurrency}. */
    void clearReservedConcurrency(String name);

    /**
     * {@code POST /api/v1/functions/{name}/invoke}; {@code name} may be {@code name:qualifier}
     * (a version or an alias). A failure of the function itself is returned,
     * not thrown: see {@link Invocation#functionError()}.
     */
    Invocation invoke(String name, byte[] payload);

    /** {@code POST /api/v1/functions/{name}/async}: {@code {"id": ...}} once the event is committed. */
    JsonNode invokeAsync(String name, byte[] payload);

    /** {@code GET /api/v1/functions/{name}/async?status=&limit=}: {@code {"events": [...]}}, newest first. */
    JsonNode asyncEvents(String name, String status, int limit);

    /**
     * {@code GET /api/v1/topics/{topic}/subscriptions/{name}/events} or {@code GET
     * /api/v1/schedules/{name}/events} (or a bucket notification's): the events a subscription
     * ({@code TOPIC/NAME}), bucket notification ({@code BUCKET/NAME}) or schedule caused.
     *
     * @param kind "subscription", "notification" or "schedule"
     */
    JsonNode originEvents(String kind, String name, String status, int limit);

    /** {@code GET /api/v1/functions/{name}/delivery[?qualifier=]}: the delivery configuration. */
    JsonNode getDelivery(String name, String qualifier);

    /** {@code PUT /api/v1/functions/{name}/delivery[?qualifier=]}: creates or replaces it. */
    JsonNode putDelivery(String name, String qualifier, ObjectNode config);

    /** {@code DELETE /api/v1/functions/{name}/delivery[?qualifier=]}. */
    void deleteDelivery(String name, String qualifier);

    /** {@code PUT /api/v1/secrets/{name}}: stores the value; the answer never holds it. */
    JsonNode putSecret(String name, String value);

    /** {@code GET /api/v1/secrets}: {@code {"secrets": [...]}}, names and times only. */
    JsonNode listSecrets();

    /** {@code DELETE /api/v1/secrets/{name}}. */
    void deleteSecret(String name);

    /** {@code POST /api/v1/keys}: a new API key; the answer's {@code key} is its only showing. */
    JsonNode createKey(String name, String role);

    /** {@code GET /api/v1/keys}: {@code {"keys": [...]}}, ids, names, roles and times only. */
    JsonNode listKeys();

    /** {@code DELETE /api/v1/keys/{id}}. */
    void deleteKey(String id);

    /** {@code GET /api/v1/namespaces}: {@code {"namespaces": [...]}} with limits and usage. */
    JsonNode listNamespaces();

    /** {@code GET /api/v1/namespaces/{name}}. */
    JsonNode getNamespace(String name);

    /**
     * {@code PUT /api/v1/namespaces/{name}}: creates the namespace or replaces all its limits
     * ({@code maxFunctions}, {@code maxInstances}, {@code maxCodeBytes}; null is unlimited).
     */
    Saved putNamespace(String name, ObjectNode limits);

    /** {@code DELETE /api/v1/namespaces/{name}}; refused while it holds anything, and for {@code default}. */
    void deleteNamespace(String name);

    /** {@code GET /api/v1/async/{id}}: one asynchronous event and how its delivery went. */
    JsonNode asyncEvent(String id);

    /** {@code POST /api/v1/functions/{name}/dead-letters/redrive[?id=]}: {@code {"redriven": n}}. */
    JsonNode redriveDeadLetters(String name, String id);

    /** {@code DELETE /api/v1/functions/{name}/dead-letters[?id=]}: {@code {"purged": n}}. */
    JsonNode purgeDeadLetters(String name, String id);

    /** {@code PUT /api/v1/schedules/{name}}: creates or replaces a schedule. */
    JsonNode putSchedule(String name, ObjectNode schedule);

    /** {@code GET /api/v1/schedules}: {@code {"schedules": [...]}}. */
    JsonNode listSchedules();

    /** {@code GET /api/v1/schedules/{name}}. */
    JsonNode getSchedule(String name);

    /** {@code DELETE /api/v1/schedules/{name}}. */
    void deleteSchedule(String name);

    /** {@code GET /api/v1/functions/{name}/logs}: the most recent records, oldest first. */
    List<LogRecord> logs(String name, OptionalInt limit);

    /**
     * {@code GET /api/v1/functions/{name}/logs?follow=true}: calls {@code onRecord} for each record
     * as it arrives, from the calling thread, until the server ends the stream.
     */
    void followLogs(String name, OptionalInt limit, Consumer<LogRecord> onRecord);

    @Override
    void close();
}
