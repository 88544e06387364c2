package dev.nimbus.events.s3;

import dev.nimbus.core.access.Signer;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.events.http.Http;
import dev.nimbus.core.access.Caller;
import dev.nimbus.core.auth.ChunkSigner;
import dev.nimbus.core.auth.PayloadException;
import dev.nimbus.core.auth.S3Verdict;
import dev.nimbus.core.auth.SigV4Verifier;
import dev.nimbus.core.auth.Verdict;
import dev.nimbus.core.object.Bucket;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.StorageException;
import dev.nimbus.events.objects.BucketNames;
import dev.nimbus.events.objects.ObjectEvents;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The S3-compatible API, path-style under {@code /s3} on the server's port, so that an AWS SDK's
 * S3 client with {@code endpointOverride(<server>/s3)} and {@code forcePathStyle(true)} works:
 * <pre>
 * GET    /s3/                      ListBuckets
 * PUT    /s3/{bucket}              CreateBucket          HEAD /s3/{bucket}   HeadBucket
 * DELETE /s3/{bucket}              DeleteBucket (empty only)
 * GET    /s3/{bucket}?list-type=2  ListObjectsV2 (prefix, delimiter, max-keys, continuation-token, start-after,
 *                                                 encoding-type=url)
 * PUT    /s3/{bucket}/{key}        PutObject             GET, HEAD /s3/{bucket}/{key}   GetObject, HeadObject
 * DELETE /s3/{bucket}/{key}        DeleteObject
 * </pre>
 * With a verifier, every request must carry a valid SigV4 signature for service {@code s3}
 * (header or presigned URL), unless the server's access filter authenticated it with an API key;
 * without one, any request is served. Sub-resources of other S3
 * operations ({@code ?acl}, {@code ?uploads}, ...) answer 501 {@code NotImplemented}. An object
 * written or deleted fans out into its bucket's notifications ({@link ObjectEvents}), committed
 * with the change.
 *
 * <p>Threading: handlers run on request threads; everything here is immutable or thread-safe.
 */
public final class S3Api {
    public static final String PREFIX = "/s3";
    static final HeaderName REQUEST_ID = HeaderNames.create("x-amz-request-id");
    static final HeaderName ID_2 = HeaderNames.create("x-amz-id-2");
    private static final System.Logger LOG = System.getLogger(S3Api.class.getName());
    private static final Set<String> NOT_IMPLEMENTED = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
            "delete", "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "location", "logging",
            "metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus",
            "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private final ObjectStore store;
    private final SigV4Verifier verifier;
    private final Tenancy tenancy;
    private final ObjectHandlers objects;

    /** Where a request goes and who sent it. */
    record Call(ServerRequest req, String method, String bucket, String key, Map<String, String> query,
                Map<String, List<String>> headers, ObjectEvents.Requester who, ChunkSigner signer) {
    }

    /**
     * @param verifier       checks signatures; null when authentication is off
     * @param maxObjectBytes the largest object accepted
     * @param committed      told when a change committed events, to deliver them at once
     */
    public S3Api(ObjectStore store, ObjectEvents events, SigV4Verifier verifier, Tenancy tenancy, long maxObjectBytes,
                 InstantSource clock, Runnable committed) {
        this.store = store;
        this.tenancy = tenancy;
        this.verifier = verifier;
        this.objects = new ObjectHandlers(store, events, maxObjectBytes, clock, committed);
    }

    public void register(HttpRouting.Builder routing) {
        routing.any(PREFIX, this::handle).any(PREFIX + "/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String requestId = HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
        String method = req.prologue().method().text();
        String resource = req.path().rawPath().substring(PREFIX.length());
        try {
            res.header(REQUEST_ID, requestId);
            res.header(ID_2, requestId);
            dispatch(call(req, method, requestId), res);
        } catch (S3Error e) {
            fail(res, e, resource, requestId, method);
        } catch (PayloadException e) {
            fail(res, new S3Error(e.status(), e.code(), e.getMessage()), resource, requestId, method);
        } catch (StorageException e) {
            fail(res, switch (e.reason()) {
                case NO_SUCH_BUCKET -> S3Error.noSuchBucket();
                case BUCKET_NOT_EMPTY -> S3Error.bucketNotEmpty();
                case TOO_LARGE -> S3Error.entityTooLarge(objects.maxObjectBytes());
                case NO_SUCH_KEY -> S3Error.noSuchKey();
                case PRECONDITION_FAILED -> S3Error.preconditionFailed(e.getMessage());
            }, resource, requestId, method);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "S3 request " + requestId + " " + method + " " + resource + " failed", e);
            fail(res, S3Error.internal(), resource, requestId, method);
        }
    }

    private static void fail(ServerResponse res, S3Error error, String resource, String requestId, String method) {
        if (!res.isSent()) {
            error.send(res, resource, requestId, method.equals("HEAD"));
        }
    }

    /** Authenticates and parses the request; the body is not read yet. */
    private Call call(ServerRequest req, String method, String requestId) {
        String rawPath = req.path().rawPath();
        for (String segment : rawPath.split("/")) {
            String dots = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (dots.equals(".") || dots.equals("..")) {
                // the router and the access filter see the path with these resolved, this API as sent:
                // both must name the same bucket and key
                throw S3Error.invalidArgument("A path segment may not be '.' or '..' (object keys with such segments"
                        + " are not supported)");
            }
        }
        String rawQuery = req.query().rawValue();
        Map<String, List<String>> headers = new HashMap<>();
        req.headers().forEach(h -> headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(h.allValues()));
        String principal = "anonymous";
        ChunkSigner signer = null;
        Optional<Caller> caller = req.context().get(Caller.class);
        if (caller.isPresent()) {
            principal = "Nimbus:" + caller.get().keyId(); // the access filter checked its API key
        } else if (verifier != null) {
            S3Verdict verdict = verifier.only(req.context().get(Signer.class).map(Signer::accessKeyId).orElse(null))
                    .verifyS3(method, rawPath, rawQuery, headers);
            switch (verdict.verdict()) {
                case Verdict.Refused r -> throw new S3Error(r.error().s3Status(), r.error().s3Code(), r.message());
                case Verdict.Accepted a -> principal = "AWS:" + a.accessKeyId();
            }
            signer = verdict.signer();
        }
        String rest = rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length() + 1) : "";
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String rawKey = slash < 0 ? "" : rest.substring(slash + 1);
        var who = new ObjectEvents.Requester(principal, req.remotePeer().host(), requestId);
        return new Call(req, method, bucket.isEmpty() ? null : bucket, rawKey.isEmpty() ? null : ObjectKeys.decode(rawKey),
                query(rawQuery), headers, who, signer);
    }

    private void dispatch(Call call, ServerResponse res) throws IOException {
        for (String name : call.query().keySet()) {
            if (NOT_IMPLEMENTED.contains(name)) {
                throw S3Error.notImplemented("The ?" + name + " sub-resource (" + call.method() + ")");
            }
        }
        if (call.bucket() == null) {
            if (!call.method().equals("GET")) {
                throw S3Error.methodNotAllowed(call.method());
            }
            res.header(HeaderNames.CONTENT_TYPE, "application/xml");
            res.send(S3Xml.buckets(store.buckets().stream()
                    .filter(b -> Http.reach(call.req(), tenancy).sees(ResourceKind.BUCKET, b.name())).toList()));
            return;
        }
        String problem = BucketNames.problem(call.bucket());
        if (problem != null) {
            throw S3Error.invalidBucketName(problem);
        }
        if (call.key() == null) {
            switch (call.method()) {
                case "PUT" -> createBucket(call, res);
                case "HEAD" -> {
                    requireBucket(call.bucket());
                    res.send();
                }
                case "GET" -> list(call, res);
                case "DELETE" -> {
                    if (!store.deleteBucket(call.bucket())) {
                        throw S3Error.noSuchBucket();
                    }
                    res.status(204).send();
                }
                default -> throw S3Error.methodNotAllowed(call.method());
            }
            return;
        }
        switch (call.method()) {
            case "PUT" -> objects.put(call, res);
            case "GET", "HEAD" -> objects.get(call, res);
            case "DELETE" -> objects.delete(call, res);
            case "POST" -> throw S3Error.notImplemented("POST on an object (browser uploads, DeleteObjects)");
            default -> throw S3Error.methodNotAllowed(call.method());
        }
    }

    private void createBucket(Call call, ServerResponse res) throws IOException {
        call.req().content().consume(); // a CreateBucketConfiguration names a region: there is one here
        if (!store.createBucket(new Bucket(call.bucket(), objects.now()))) {
            throw S3Error.bucketAlreadyOwnedByYou();
        }
        res.header(HeaderNames.LOCATION, "/" + call.bucket());
        res.send();
    }

    private void list(Call call, ServerResponse res) {
        if (!"2".equals(call.query().get("list-type"))) {
            throw S3Error.notImplemented("ListObjects (version 1)");
        }
        requireBucket(call.bucket());
        Listing.Request request = Listing.request(call.query());
        Listing.Result result = Listing.list((prefix, from, limit) -> store.list(call.bucket(), prefix, from, limit),
                request);
        res.header(HeaderNames.CONTENT_TYPE, "application/xml");
        res.send(S3Xml.listing(call.bucket(), request, result));
    }

    private void requireBucket(String bucket) {
        if (store.bucket(bucket).isEmpty()) {
            throw S3Error.noSuchBucket();
        }
    }

    /** The query's parameters, percent-decoded, the first value of each. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.isEmpty()) {
                query.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String decode(String raw) {
        return new String(ObjectKeys.percentDecode(raw), StandardCharsets.UTF_8);
    }
}
