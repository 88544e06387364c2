package dev.nimbus.events.bus;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.access.Caller;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Subscription;
import dev.nimbus.core.event.Topic;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.events.http.Http;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The event bus:
 * <pre>
 * PUT    /api/v1/topics/{topic}                        → 201 created / 200 existed
 * GET    /api/v1/topics, GET /api/v1/topics/{topic}   (with its subscriptions)
 * DELETE /api/v1/topics/{topic}                        → 204 (its subscriptions go too)
 * PUT    /api/v1/topics/{topic}/subscriptions/{name}   {"function": "name[:qualifier]", "filter"?: {...}}
 * DELETE /api/v1/topics/{topic}/subscriptions/{name}
 * POST   /api/v1/events?topic={topic}                  a CloudEvent 1.0 (binary: ce-* headers; structured:
 *                                                      application/cloudevents+json) or plain JSON
 *                                                      → 202 {"id", "topic", "deliveries": [...]}
 * </pre>
 * A published event is matched against the topic's subscriptions ({@link EventFilter}); each match
 * becomes a durable asynchronous invocation of the subscription's function, whose event is the
 * CloudEvent in structured JSON, all committed in one transaction before the 202. Delivery ids are
 * derived from the topic, the publishing function, the event's source and id and the
 * subscription, so publishing the same CloudEvent again (same source and id) while its deliveries
 * are kept (24 h after delivery) delivers nothing twice. Plain JSON becomes a CloudEvent of
 * type {@code nimbus.event} from source {@code /nimbus/api}.
 */
public final class BusApi {
    /** Largest event accepted, as an asynchronous invocation's payload. */
    static final int MAX_EVENT = 1024 * 1024;
    private static final int MAX_BODY = 64 * 1024;
    /** Subscriptions per topic: bounds the fan-out of one publish. */
    static final int MAX_SUBSCRIPTIONS = 100;
    /** Extension attribute naming the function that published an event (with its token); filters can use it. */
    static final String PUBLISHER = "nimbusfunction";

    private final BusStore bus;
    private final FunctionCatalog catalog;
    private final Tenancy tenancy;
    private final Consumer<List<AsyncEvent>> deliveries;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final PublishTokens tokens;
    private final TopicFanOut fanOut;

    /**
     * @param deliveries commits the invocations an event causes, all or none, before it returns
     * @param tokens     checks the bearer tokens functions publish with
     */
    public BusApi(BusStore bus, FunctionCatalog catalog, Tenancy tenancy, Consumer<List<AsyncEvent>> deliveries,
                  ObjectMapper json, InstantSource clock, PublishTokens tokens) {
        this.tokens = tokens;
        this.tenancy = tenancy;
        this.bus = bus;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.fanOut = new TopicFanOut(bus, this.json);
        this.clock = clock;
    }

    record SubscriptionRequest(String function, JsonNode filter, DeliveryConfig delivery) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubscriptionView(String topic, String name, String function, String qualifier, JsonNode filter,
                            DeliveryConfig delivery, Instant createdAt) {
    }

    record Delivery(String subscription, String function, String eventId) {
    }

    public void register(HttpRouting.Builder routing) {
        routing.put("/api/v1/topics/{topic}", Http.guarded((req, res) -> {
                    var topic = new Topic(Http.name("topic", req.path().pathParameters().get("topic")), clock.instant());
                    boolean created = bus.createTopic(topic);
                    Http.send(res, json, created ? 201 : 200, bus.topic(topic.name()).orElse(topic));
                }))
                .get("/api/v1/topics", Http.guarded((req, res) -> Http.send(res, json, 200, Map.of("topics",
                        bus.topics().stream().filter(t -> Http.reach(req, tenancy).sees(ResourceKind.TOPIC, t.name()))
                                .toList()))))
                .get("/api/v1/topics/{topic}", Http.guarded((req, res) -> {
                    Topic topic = topic(req);
                    Http.send(res, json, 200, Map.of("name", topic.name(), "createdAt", topic.createdAt(),
                            "subscriptions", bus.subscriptions(topic.name()).stream().map(this::view).toList()));
                }))
                .delete("/api/v1/topics/{topic}", Http.guarded((req, res) -> {
                    if (!bus.deleteTopic(Http.name("topic", req.path().pathParameters().get("topic")))) {
                        throw topicNotFound(req.path().pathParameters().get("topic"));
                    }
                    res.status(204).send();
                }))
                .put("/api/v1/topics/{topic}/subscriptions/{name}", Http.guarded(this::subscribe))
                .get("/api/v1/topics/{topic}/subscriptions", Http.guarded((req, res) -> Http.send(res, json, 200,
                        Map.of("subscriptions", bus.subscriptions(topic(req).name()).stream().map(this::view).toList()))))
                .delete("/api/v1/topics/{topic}/subscriptions/{name}", Http.guarded((req, res) -> {
                    String topic = topic(req).name();
                    String name = Http.name("subscription name", req.path().pathParameters().get("name"));
                    if (!bus.deleteSubscription(topic, name)) {
                        throw new ApiException(ErrorCode.NOT_FOUND, "Subscription not found: " + topic + "/" + name);
                    }
                    res.status(204).send();
                }));
        registerPublishing(routing);
    }

    /** Only {@code POST /api/v1/events}: what the listener for functions serves of the bus. */
    public void registerPublishing(HttpRouting.Builder routing) {
        routing.post("/api/v1/events", Http.guarded(this::publish));
    }

    private Topic topic(ServerRequest req) {
        String name = Http.name("topic", req.path().pathParameters().get("topic"));
        return bus.topic(name).orElseThrow(() -> topicNotFound(name));
    }

    private static ApiException topicNotFound(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Topic not found: " + name);
    }

    private void subscribe(ServerRequest req, ServerResponse res) throws IOException {
        Topic topic = topic(req);
        String name = Http.name("subscription name", req.path().pathParameters().get("name"));
        SubscriptionRequest body = Http.body(req, json, SubscriptionRequest.class, MAX_BODY);
        Http.Reach reach = Http.reach(req, tenancy);
        Http.FunctionRef function = Http.function(body == null ? null : body.function(), catalog, reach);
        DeliveryConfig delivery = Http.delivery(body.delivery(), function.name(), catalog, bus, reach);
        EventFilter filter;
        try {
            filter = EventFilter.parse(body.filter());
        } catch (IllegalArgumentException e) {
            throw Http.invalid("filter: " + e.getMessage());
        }
        boolean replaced = bus.subscription(topic.name(), name).isPresent();
        if (!replaced && bus.subscriptions(topic.name()).size() >= MAX_SUBSCRIPTIONS) {
            throw Http.invalid("topic " + topic.name() + " has " + MAX_SUBSCRIPTIONS + " subscriptions, the most it may have");
        }
        var subscription = new Subscription(topic.name(), name, function.name(), function.qualifier(),
                json.writeValueAsString(filter.toJson()), clock.instant(), delivery);
        bus.putSubscription(subscription);
        Http.send(res, json, replaced ? 200 : 201, view(subscription));
    }

    private SubscriptionView view(Subscription s) {
        try {
            return new SubscriptionView(s.topic(), s.name(), s.function(), s.qualifier(), json.readTree(s.filter()),
                    s.delivery(), s.createdAt());
        } catch (IOException e) {
            throw new IllegalStateException("a stored filter is JSON", e);
        }
    }

    private void publish(ServerRequest req, ServerResponse res) throws IOException {
        String topicName = req.query().first("topic")
                .orElseThrow(() -> Http.invalid("topic is required: POST /api/v1/events?topic=NAME"));
        Topic topic = bus.topic(Http.name("topic", topicName))
                .filter(t -> Http.reach(req, tenancy).sees(ResourceKind.TOPIC, t.name()))
                .orElseThrow(() -> Http.invalid("unknown topic '" + topicName + "'; create it with PUT /api/v1/topics/"
                        + topicName));
        String publisher = publisher(req);
        byte[] body = Payloads.read(req.content().inputStream(), MAX_EVENT);
        CloudEvent event = cloudEvent(req, body);
        if (publisher != null) {
            event = CloudEventBuilder.from(event).withExtension(PUBLISHER, publisher).build();
        } else if (event.getExtension(PUBLISHER) != null) {
            throw Http.invalid(PUBLISHER + " is set by Nimbus for events a function publishes with its token");
        }
        List<Delivery> delivered = new ArrayList<>();
        List<AsyncEvent> invocations = new ArrayList<>();
        for (TopicFanOut.Match m : fanOut.matches(topic.name(), event, publisher, clock.instant())) {
            invocations.add(m.invocation());
            delivered.add(new Delivery(m.subscription().name(), m.subscription().function(), m.invocation().id()));
        }
        if (!invocations.isEmpty()) {
            deliveries.accept(invocations);
        }
        Http.send(res, json, 202, Map.of("id", event.getId(), "topic", topic.name(), "deliveries", delivered));
    }

    /**
     * The function a request publishes as ({@code Authorization: Bearer} with its instance's
     * token), or null without the header or when the access filter authenticated the request with
     * an API key; 401 for a token that is not valid.
     */
    private String publisher(ServerRequest req) {
        var header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || req.context().get(Caller.class).isPresent()) {
            return null;
        }
        String value = header.get();
        if (!value.startsWith("Bearer ")) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authorization must be Bearer <NIMBUS_EVENTS_TOKEN>");
        }
        return tokens.verify(value.substring(7).trim(), tenancy::namespaceOf)
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "The publish token is not valid"));
    }

    /** The request as a CloudEvent 1.0: structured, binary, or plain JSON wrapped in one. 400 if malformed. */
    private CloudEvent cloudEvent(ServerRequest req, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.get()));
        String contentType = headers.getOrDefault("content-type", "");
        boolean cloud = contentType.startsWith("application/cloudevents") || headers.containsKey("ce-specversion");
        if (!cloud) {
            if (TopicFanOut.strictJson(json, body) == null) {
                throw Http.invalid("the body must be JSON or a CloudEvent (ce-* headers, or application/cloudevents+json)");
            }
            return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/nimbus/api"))
                    .withType("nimbus.event").withTime(clock.instant().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json").withData(body).build();
        }
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(headers, body).toEvent();
        } catch (RuntimeException e) {
            throw Http.invalid("malformed CloudEvent: " + clip(e.getMessage()));
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw Http.invalid("specversion must be 1.0, was " + event.getSpecVersion().toString());
        }
        if (event.getId() == null || event.getId().isEmpty() || event.getSource() == null || event.getType() == null
                || event.getType().isEmpty()) {
            throw Http.invalid("a CloudEvent needs id, source and type");
        }
        if (event.getData() != null && TopicFanOut.isJson(event.getDataContentType())
                && TopicFanOut.strictJson(json, event.getData().toBytes()) == null) {
            throw Http.invalid("the event's data is not valid JSON, though its content type says so");
        }
        return event;
    }

    private static String clip(String s) {
        return s == null ? "unreadable" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
