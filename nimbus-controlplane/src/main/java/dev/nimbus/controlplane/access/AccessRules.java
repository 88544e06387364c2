package dev.nimbus.controlplane.access;

import dev.nimbus.controlplane.lambda.FunctionRef;
import dev.nimbus.core.tenancy.ResourceKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The permission each request needs, from its method and path alone:
 * <pre>
 * /api/v1/keys/...                                   MANAGE_KEYS
 * POST /api/v1/functions/{name}/invoke|async         INVOKE
 * POST /api/v1/webhooks/...                          INVOKE  (S3 notifications that invoke functions)
 * POST /api/v1/events                                PUBLISH
 * PUT|POST|DELETE /api/v1/secrets/...                WRITE_SECRETS
 * POST /{date}/functions/{name}/invocations          INVOKE  (Lambda Invoke)
 * /fn/..., /url/...                                  INVOKE  (public when the function says so)
 * GET|HEAD /s3/{bucket}/{key}                        READ_OBJECTS
 * PUT|POST|DELETE /s3/{bucket}/{key}, POST /s3/{b}   WRITE_OBJECTS
 * PUT|DELETE /s3/{bucket}                            MANAGE
 * /api/v1/namespaces/...                             MANAGE_NAMESPACES
 * GET|HEAD /ui, /ui/...                              none    (the dashboard's static files; no dot segments)
 * any other GET or HEAD                              READ
 * any other method                                   MANAGE
 * </pre>
 * and the named resource a request is about ({@link Ref}), whose namespace must be the caller's:
 * {@code /api/v1/{functions|topics|buckets|schedules|secrets}/{name}/...}, {@code /fn/{name}},
 * {@code /s3/{bucket}/...} and the Lambda API's {@code /{date}/functions/{name or ARN}/...}.
 * The path is the decoded one the router matches on, with empty segments ignored, so an encoded
 * or doubled slash cannot make a request look like another.
 */
public final class AccessRules {
    private static final Pattern LAMBDA_DATE = Pattern.compile("20[0-9]{2}-[0-9]{2}-[0-9]{2}");
    /** What any resource name looks like (each kind checks its own, narrower form); anything else is never claimed. */
    private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    private static final Map<String, ResourceKind> NATIVE_KINDS = Map.of("functions", ResourceKind.FUNCTION,
            "topics", ResourceKind.TOPIC, "buckets", ResourceKind.BUCKET, "schedules", ResourceKind.SCHEDULE,
            "secrets", ResourceKind.SECRET);

    private AccessRules() {
    }

    /** Which API a request is for: it decides how credentials are read and how refusals look. */
    public enum Surface {
        /** The native API under {@code /api/v1} (and anything unknown): API keys only. */
        NATIVE,
        /** {@code /fn/...} routes: API keys, unless the function made the route public. */
        FUNCTION_ROUTE,
        /** The Lambda-compatible API: API keys or SigV4. */
        LAMBDA,
        /** Function URLs: {@code AuthType NONE} is public, {@code AWS_IAM} needs an API key or SigV4. */
        FUNCTION_URL,
        /** The S3-compatible API: API keys or SigV4. */
        S3,
        /** The dashboard's static files ({@code GET|HEAD /ui/...}): public, they hold no data. */
        DASHBOARD;

        /** Whether SigV4 signatures are accepted here (checked by the API itself, which reads the body). */
        public boolean signed() {
            return this == LAMBDA || this == FUNCTION_URL || this == S3;
        }
    }

    /**
     * @param permission what the caller's role must grant
     * @param surface    the API
     * @param target     for {@code /fn} the decoded {@code name[:qualifier]}, for {@code /url} the URL id;
     *                   otherwise (or when absent) null
     * @param ref        the named resource the request is about, or null
     */
    public record Rule(Permission permission, Surface surface, String target, Ref ref) {
    }

    /**
     * A named resource in a request's path.
     *
     * @param creates whether the request may create it (a PUT of the resource itself), so its
     *                namespace claims the name first
     */
    public record Ref(ResourceKind kind, String name, boolean creates) {
    }

    /**
     * @param method  the request method, e.g. {@code GET}
     * @param path    the decoded path, e.g. {@code /api/v1/functions/orders}
     * @param rawPath the path as received, still percent-encoded (route targets are read from it
     *                as the routes read them)
     */
    public static Rule rule(String method, String path, String rawPath) {
        List<String> s = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        boolean read = method.equals("GET") || method.equals("HEAD");
        String first = s.isEmpty() ? "" : s.getFirst();
        boolean put = method.equals("PUT");
        return switch (first) {
            case "fn" -> {
                String target = target(rawPath, "/fn/", true);
                yield new Rule(Permission.INVOKE, Surface.FUNCTION_ROUTE, target,
                        target == null ? null : ref(ResourceKind.FUNCTION, target.split(":", 2)[0], false));
            }
            case "url" -> new Rule(Permission.INVOKE, Surface.FUNCTION_URL, target(rawPath, "/url/", false), null);
            // files only: any other method, or a path with "." or "..", needs a key as anywhere else
            case "ui" -> new Rule(byMethod(read), read && !s.contains(".") && !s.contains("..") ? Surface.DASHBOARD
                    : Surface.NATIVE, null, null);
            case "s3" -> new Rule(s3(s.size(), method, read), Surface.S3, null,
                    s.size() >= 2 ? ref(ResourceKind.BUCKET, s.get(1), put && s.size() == 2) : null);
            case "api" -> {
                boolean v1 = s.size() >= 2 && s.get(1).equals("v1");
                ResourceKind kind = v1 && s.size() >= 4 ? NATIVE_KINDS.get(s.get(2)) : null;
                // a notification may name a bucket of an external store (fed by the webhook): it claims the name too
                boolean claims = put && (s.size() == 4 || kind == ResourceKind.BUCKET && s.size() == 6
                        && s.get(4).equals("notifications"));
                // invocations take name:qualifier; the function is the name
                String name = kind == null ? null : kind == ResourceKind.FUNCTION ? s.get(3).split(":", 2)[0] : s.get(3);
                yield new Rule(v1 ? nativeApi(s, method, read) : byMethod(read), Surface.NATIVE, null,
                        kind == null ? null : ref(kind, name, claims));
            }
            default -> {
                if (!LAMBDA_DATE.matcher(first).matches()) {
                    yield new Rule(byMethod(read), Surface.NATIVE, null, null);
                }
                boolean function = s.size() >= 3 && s.get(1).equals("functions");
                yield new Rule(s.size() == 4 && function && s.get(3).equals("invocations") && method.equals("POST")
                        ? Permission.INVOKE : byMethod(read), Surface.LAMBDA, null,
                        function ? FunctionRef.functionName(s.get(2)).map(n -> ref(ResourceKind.FUNCTION, n, false))
                                .orElse(null) : null);
            }
        };
    }

    /** A reference to {@code name}; a name no resource can have is never claimed. */
    private static Ref ref(ResourceKind kind, String name, boolean creates) {
        return new Ref(kind, name, creates && NAME.matcher(name).matches());
    }

    private static Permission nativeApi(List<String> s, String method, boolean read) {
        String resource = s.size() > 2 ? s.get(2) : "";
        boolean post = method.equals("POST");
        return switch (resource) {
            case "keys" -> Permission.MANAGE_KEYS;
            case "namespaces" -> Permission.MANAGE_NAMESPACES;
            case "events" -> post ? Permission.PUBLISH : byMethod(read);
            case "webhooks" -> post ? Permission.INVOKE : byMethod(read);
            case "secrets" -> read ? Permission.READ : Permission.WRITE_SECRETS;
            case "functions" -> post && s.size() == 5 && (s.get(4).equals("invoke") || s.get(4).equals("async"))
                    ? Permission.INVOKE : byMethod(read);
            default -> byMethod(read);
        };
    }

    /** {@code /s3} (1 segment), {@code /s3/bucket} (2), {@code /s3/bucket/key...} (3 or more). */
    private static Permission s3(int segments, String method, boolean read) {
        if (segments >= 3) {
            return read ? Permission.READ_OBJECTS : Permission.WRITE_OBJECTS;
        }
        if (segments == 2 && method.equals("POST")) {
            return Permission.WRITE_OBJECTS;
        }
        return byMethod(read);
    }

    private static Permission byMethod(boolean read) {
        return read ? Permission.READ : Permission.MANAGE;
    }

    /** The first segment after {@code prefix} in the raw path, decoded if asked; null if there is none. */
    private static String target(String rawPath, String prefix, boolean decode) {
        if (!rawPath.startsWith(prefix)) {
            return null;
        }
        String rest = rawPath.substring(prefix.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        if (segment.isEmpty()) {
            return null;
        }
        try {
            return decode ? URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8) : segment;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
