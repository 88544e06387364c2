package dev.nimbus.events.objects;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.events.http.Http;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code POST /api/v1/webhooks/s3}: S3-style event notifications from external stores (MinIO's
 * webhook target, an S3 bucket behind a relay) become the same invocations as local object
 * changes ({@link ObjectEvents#external}), all committed in one transaction before
 * {@code 202 {"deliveries": [...]}}. The ids derive from each record, so a resent call delivers
 * nothing twice. At most 1 MB of strict JSON; anything malformed is a 400 with the reason; a
 * record beyond 16 KB, or records whose events exceed 8 MB together, a 413 with the reason.
 */
public final class WebhookApi {
    static final int MAX_BODY = 1024 * 1024;

    private final ObjectEvents events;
    private final Consumer<List<AsyncEvent>> deliveries;
    private final ObjectMapper json;
    private final Tenancy tenancy;

    /** @param deliveries commits the invocations, all or none, before it returns */
    public WebhookApi(ObjectEvents events, Consumer<List<AsyncEvent>> deliveries, Tenancy tenancy, ObjectMapper json) {
        this.events = events;
        this.tenancy = tenancy;
        this.deliveries = deliveries;
        this.json = json;
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/api/v1/webhooks/s3", Http.guarded(this::receive));
    }

    private void receive(ServerRequest req, ServerResponse res) throws IOException {
        byte[] body = Payloads.read(req.content().inputStream(), MAX_BODY);
        JsonNode root;
        try {
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw Messages.malformedJson(e.getOriginalMessage());
        }
        ObjectEvents.Fanout fanout;
        try {
            Http.Reach reach = Http.reach(req, tenancy);
            fanout = events.external(root, bucket -> reach.sees(ResourceKind.BUCKET, bucket));
        } catch (ObjectEvents.TooLarge e) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Http.invalid(e.getMessage());
        }
        if (!fanout.events().isEmpty()) {
            deliveries.accept(fanout.events());
        }
        Http.send(res, json, 202, Map.of("deliveries", fanout.deliveries()));
    }
}
