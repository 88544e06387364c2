package dev.nimbus.events.objects;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.object.Bucket;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.StorageException;
import dev.nimbus.events.http.Http;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Buckets and their notifications:
 * <pre>
 * GET    /api/v1/buckets, GET /api/v1/buckets/{bucket}  (with its notifications)
 * PUT    /api/v1/buckets/{bucket}                        → 201 created / 200 existed
 * DELETE /api/v1/buckets/{bucket}                        → 204; 409 unless empty
 * PUT    /api/v1/buckets/{bucket}/notifications/{name}   {"function": "name[:qualifier]", "events": ["ObjectCreated:*"],
 *                                                         "prefix"?: "in/", "suffix"?: ".csv"}
 * GET    /api/v1/buckets/{bucket}/notifications[/{name}], DELETE /api/v1/buckets/{bucket}/notifications/{name}
 * </pre>
 * A notification's bucket need not exist here: notifications also match the records external
 * stores send to the S3 webhook ({@link WebhookApi}). Deleting a bucket keeps its notifications.
 */
public final class BucketsApi {
    private static final int MAX_BODY = 16 * 1024;
    /** Notifications per bucket: bounds the fan-out of one change. */
    static final int MAX_NOTIFICATIONS = 100;
    static final int MAX_AFFIX = 1024;
    /** The event kinds S3 defines for these two families; {@code s3:} may precede each, as in S3's configuration. */
    static final Set<String> EVENT_KINDS = Set.of("ObjectCreated:*", "ObjectCreated:Put", "ObjectCreated:Post",
            "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload", "ObjectRemoved:*", "ObjectRemoved:Delete",
            "ObjectRemoved:DeleteMarkerCreated");

    private final ObjectStore store;
    private final FunctionCatalog catalog;
    private final BusStore bus;
    private final Tenancy tenancy;
    private final ObjectMapper json;
    private final InstantSource clock;

    /** {@code bus} is where delivery configurations' topics are looked up. */
    public BucketsApi(ObjectStore store, FunctionCatalog catalog, BusStore bus, Tenancy tenancy, ObjectMapper json,
                      InstantSource clock) {
        this.tenancy = tenancy;
        this.store = store;
        this.bus = bus;
        this.catalog = catalog;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    record NotificationRequest(String function, List<String> events, String prefix, String suffix,
                               DeliveryConfig delivery) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotificationView(String bucket, String name, String function, String qualifier, List<String> events,
                            String prefix, String suffix, DeliveryConfig delivery, Instant createdAt) {
        static NotificationView of(BucketNotification n) {
            return new NotificationView(n.bucket(), n.name(), n.function(), n.qualifier(), n.events(), n.prefix(),
                    n.suffix(), n.delivery(), n.createdAt());
        }
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/buckets", Http.guarded((req, res) -> Http.send(res, json, 200,
                        Map.of("buckets", store.buckets().stream()
                                .filter(b -> Http.reach(req, tenancy).sees(ResourceKind.BUCKET, b.name())).toList()))))
                .put("/api/v1/buckets/{bucket}", Http.guarded((req, res) -> {
                    var bucket = new Bucket(bucketName(req), clock.instant());
                    boolean created = store.createBucket(bucket);
                    Http.send(res, json, created ? 201 : 200, store.bucket(bucket.name()).orElse(bucket));
                }))
                .get("/api/v1/buckets/{bucket}", Http.guarded((req, res) -> {
                    String name = bucketName(req);
                    Bucket bucket = store.bucket(name)
                            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Bucket not found: " + name));
                    Http.send(res, json, 200, Map.of("name", bucket.name(), "createdAt", bucket.createdAt(),
                            "notifications", views(name)));
                }))
                .delete("/api/v1/buckets/{bucket}", Http.guarded((req, res) -> {
                    String name = bucketName(req);
                    try {
                        if (!store.deleteBucket(name)) {
                            throw new ApiException(ErrorCode.NOT_FOUND, "Bucket not found: " + name);
                        }
                    } catch (StorageException e) {
                        throw new ApiException(ErrorCode.CONFLICT, "Bucket " + name
                                + " is not empty; delete its objects first");
                    }
                    res.status(204).send();
                }))
                .get("/api/v1/buckets/{bucket}/notifications", Http.guarded((req, res) -> Http.send(res, json, 200,
                        Map.of("notifications", views(bucketName(req))))))
                .put("/api/v1/buckets/{bucket}/notifications/{name}", Http.guarded(this::putNotification))
                .get("/api/v1/buckets/{bucket}/notifications/{name}", Http.guarded((req, res) -> {
                    String bucket = bucketName(req);
                    String name = Http.name("notification name", req.path().pathParameters().get("name"));
                    Http.send(res, json, 200, NotificationView.of(store.notification(bucket, name)
                            .orElseThrow(() -> notificationNotFound(bucket, name))));
                }))
                .delete("/api/v1/buckets/{bucket}/notifications/{name}", Http.guarded((req, res) -> {
                    String bucket = bucketName(req);
                    String name = Http.name("notification name", req.path().pathParameters().get("name"));
                    if (!store.deleteNotification(bucket, name)) {
                        throw notificationNotFound(bucket, name);
                    }
                    res.status(204).send();
                }));
    }

    private List<NotificationView> views(String bucket) {
        return store.notifications(bucket).stream().map(NotificationView::of).toList();
    }

    private static String bucketName(ServerRequest req) {
        String name = req.path().pathParameters().get("bucket");
        String problem = BucketNames.problem(name);
        if (problem != null) {
            throw Http.invalid(problem + ", was '" + FunctionName.clip(name) + "'");
        }
        return name;
    }

    private static ApiException notificationNotFound(String bucket, String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Notification not found: " + bucket + "/" + name);
    }

    private void putNotification(ServerRequest req, ServerResponse res) throws IOException {
        String bucket = bucketName(req);
        String name = Http.name("notification name", req.path().pathParameters().get("name"));
        NotificationRequest body = Http.body(req, json, NotificationRequest.class, MAX_BODY);
        Http.Reach reach = Http.reach(req, tenancy);
        Http.FunctionRef function = Http.function(body == null ? null : body.function(), catalog, reach);
        DeliveryConfig delivery = Http.delivery(body.delivery(), function.name(), catalog, bus, reach);
        List<String> events = events(body.events());
        String prefix = affix("prefix", body.prefix());
        String suffix = affix("suffix", body.suffix());
        boolean replaced = store.notification(bucket, name).isPresent();
        if (!replaced && store.notifications(bucket).size() >= MAX_NOTIFICATIONS) {
            throw Http.invalid("bucket " + bucket + " has " + MAX_NOTIFICATIONS + " notifications, the most it may have");
        }
        var notification = new BucketNotification(bucket, name, function.name(), function.qualifier(), events, prefix,
                suffix, clock.instant(), delivery);
        store.putNotification(notification);
        Http.send(res, json, replaced ? 200 : 201, NotificationView.of(notification));
    }

    /** The event kinds without S3's optional {@code s3:} prefix, each once. */
    static List<String> events(List<String> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            throw Http.invalid("events is required: a list of ObjectCreated:* and/or ObjectRemoved:*, or exact kinds "
                    + "such as ObjectCreated:Put");
        }
        var out = new LinkedHashSet<String>();
        for (String kind : kinds) {
            String k = kind != null && kind.startsWith("s3:") ? kind.substring(3) : kind;
            if (k == null || !EVENT_KINDS.contains(k)) {
                throw Http.invalid("unknown event kind '" + FunctionName.clip(kind)
                        + "'; allowed: " + String.join(", ", EVENT_KINDS.stream().sorted().toList()));
            }
            out.add(k);
        }
        return new ArrayList<>(out);
    }

    private static String affix(String what, String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_AFFIX) {
            throw Http.invalid(what + " must be at most " + MAX_AFFIX + " characters");
        }
        return value;
    }
}
