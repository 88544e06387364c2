package dev.nimbus.events.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.events.bus.TopicFanOut;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the end of an event's delivery sends on, as Lambda's destinations and dead-letter queues do
 * (lambda-compat.md §6.6): to the on-success or on-failure destination, an invocation record; to
 * the dead-letter topic, the original event. A function destination gets the record as the event
 * of an asynchronous invocation; a topic gets it as a CloudEvent (type {@code
 * nimbus.invocation.success}, {@code nimbus.invocation.failure} or {@code nimbus.deadletter}, with
 * {@code nimbusfunction} naming the function) for its subscriptions. The events made here are
 * committed with the outcome they report, and their ids derive from the event, the time it was
 * accepted (a redrive makes a new one) and the destination, so a delivery repeated after a crash
 * sends nothing twice. A record is at most 1 MiB (payloads that would make it bigger are left
 * out), and a chain of records (A's to B, B's to A, ...) ends after {@link #MAX_DEPTH} links.
 *
 * <p>Threading: thread-safe.
 */
public final class Destinations {
    /** How much of an error message a dead letter carries, as Lambda's ErrorMessage attribute. */
    static final int MAX_ERROR_MESSAGE = 1024;
    /**
     * The deepest chain of destinations (A's record to B, B's to C, ...): as Lambda stops recursive
     * loops after 16 invocations, an event this deep sends no more records.
     */
    static final int MAX_DEPTH = 16;
    /** The largest record, as an asynchronous event may be; bigger payloads are left out of it. */
    static final int MAX_RECORD = 1024 * 1024;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final System.Logger LOG = System.getLogger(Destinations.class.getName());

    private final FunctionCatalog catalog;
    private final Topics topics;
    private final ObjectMapper json;

    /** The invocations an event published to a topic causes ({@link TopicFanOut#invocations}). */
    @FunctionalInterface
    public interface Topics {
        List<AsyncEvent> invocations(String topic, CloudEvent event, String publisher, Instant now);
    }

    public Destinations(FunctionCatalog catalog, Topics topics, ObjectMapper json) {
        this.catalog = catalog;
        this.topics = topics;
        this.json = json;
    }

    /** The records a success sends to {@code config}'s on-success destination (none without one). */
    List<AsyncEvent> success(AsyncEvent event, DeliveryConfig config, String executedVersion, byte[] response,
                             Instant now) {
        if (config.onSuccess() == null || tooDeep(event)) {
            return List.of();
        }
        ObjectNode record = record(event, "Success", event.attempts() + 1, now);
        record.putObject("responseContext").put("statusCode", 200).put("executedVersion", executedVersion);
        record.set("responsePayload", payload(response));
        return send(event, config.onSuccess(), "success", record, now);
    }

    /**
     * The records giving up on {@code event} sends: to the on-failure destination and, with the
     * original event, to the dead-letter topic.
     *
     * @param executedVersion the version that ran last, or null if none ran
     * @param errorBody       the last error document, or null
     * @param error           the last error, for the dead letter's {@code errormessage}
     */
    List<AsyncEvent> failure(AsyncEvent event, DeliveryConfig config, FailureCondition condition, int invokeCount,
                             String executedVersion, byte[] errorBody, String error, Instant now) {
        List<AsyncEvent> out = new ArrayList<>();
        if (tooDeep(event)) {
            return out;
        }
        if (config.onFailure() != null) {
            ObjectNode record = record(event, condition.wireName(), invokeCount, now);
            if (executedVersion != null && errorBody != null) {
                record.putObject("responseContext").put("statusCode", 200).put("executedVersion", executedVersion)
                        .put("functionError", "Unhandled");
                record.set("responsePayload", payload(errorBody));
            }
            out.addAll(send(event, config.onFailure(), "failure", record, now));
        }
        if (config.deadLetter() != null) {
            String message = error == null ? "" : error.length() <= MAX_ERROR_MESSAGE ? error
                    : error.substring(0, MAX_ERROR_MESSAGE);
            boolean isJson = TopicFanOut.strictJson(json, event.payload()) != null;
            CloudEvent dead = CloudEventBuilder.v1().withId(followUpId(event, "deadletter", config.deadLetter()))
                    .withSource(source(event)).withType("nimbus.deadletter").withTime(now.atOffset(ZoneOffset.UTC))
                    .withExtension("nimbusfunction", event.function()).withExtension("requestid", event.id())
                    .withExtension("errorcode", "200").withExtension("errormessage", message)
                    .withDataContentType(isJson ? "application/json" : "application/octet-stream")
                    .withData(event.payload()).build();
            out.addAll(publish(config.deadLetter(), dead, event));
        }
        return out;
    }

    private static boolean tooDeep(AsyncEvent event) {
        if (event.depth() < MAX_DEPTH) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "event {0} of {1} sends no destination records: it is the {2}th in a chain"
                + " of destinations (a loop such as A → B → A?)", event.id(), event.function(), event.depth() + 1);
        return true;
    }

    private ObjectNode record(AsyncEvent event, String condition, int invokeCount, Instant now) {
        ObjectNode record = json.createObjectNode().put("version", "1.0")
                .put("timestamp", TIMESTAMP.format(now));
        record.putObject("requestContext").put("requestId", event.id())
                .put("functionArn", Arns.function(event.function(),
                        event.qualifier() == null ? FunctionRevision.LATEST : event.qualifier()))
                .put("condition", condition).put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", payload(event.payload()));
        return record;
    }

    /** The payload as a JSON value if it is one, else as a string. */
    private JsonNode payload(byte[] bytes) {
        JsonNode parsed = TopicFanOut.strictJson(json, bytes);
        return parsed != null ? parsed : json.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }

    private List<AsyncEvent> send(AsyncEvent event, Destination to, String outcome, ObjectNode record, Instant now) {
        byte[] bytes = bounded(event, record);
        String id = followUpId(event, outcome, to);
        if (to.kind() == Destination.Kind.TOPIC) {
            return publish(to, CloudEventBuilder.v1().withId(id).withSource(source(event))
                    .withType("nimbus.invocation." + outcome).withTime(now.atOffset(ZoneOffset.UTC))
                    .withExtension("nimbusfunction", event.function()).withDataContentType("application/json")
                    .withData(bytes).build(), event);
        }
        if (catalog.resolve(to.name(), to.qualifier()).isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "the " + outcome + " record of event " + event.id() + " is dropped: its"
                    + " destination " + to + " does not exist any more");
            return List.of();
        }
        return List.of(AsyncEvent.accepted(id, to.name(), to.qualifier(), bytes, null, event.traceId(), now)
                .withDepth(event.depth() + 1));
    }

    private List<AsyncEvent> publish(Destination topic, CloudEvent event, AsyncEvent cause) {
        List<AsyncEvent> invocations = topics.invocations(topic.name(), event, cause.function(), event.getTime().toInstant())
                .stream().map(e -> e.withDepth(cause.depth() + 1)).toList();
        if (invocations.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "{0} of event {1} matched no subscription of topic {2}", event.getType(),
                    cause.id(), topic.name());
        }
        return invocations;
    }

    /** The record as JSON of at most {@link #MAX_RECORD} bytes: payloads that would make it bigger are left out. */
    private byte[] bounded(AsyncEvent event, ObjectNode record) {
        byte[] bytes = write(record);
        for (String payload : List.of("responsePayload", "requestPayload")) {
            if (bytes.length <= MAX_RECORD) {
                break;
            }
            if (record.has(payload)) {
                record.put(payload, "(left out: the record would be larger than " + MAX_RECORD + " bytes)");
                bytes = write(record);
                LOG.log(System.Logger.Level.WARNING, "the record of event {0} leaves out its {1}: too large", event.id(),
                        payload);
            }
        }
        return bytes;
    }

    private byte[] write(ObjectNode record) {
        try {
            return json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("a record is plain JSON", e);
        }
    }

    private static URI source(AsyncEvent event) {
        return URI.create("/nimbus/functions/" + event.function());
    }

    private static String followUpId(AsyncEvent event, String outcome, Destination to) {
        return UUID.nameUUIDFromBytes((event.id() + "|" + event.acceptedAt().toEpochMilli() + "|" + outcome + "|" + to)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
