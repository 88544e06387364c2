package dev.nimbus.controlplane.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.controlplane.access.AccessRules.Surface;
import dev.nimbus.core.tenancy.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The permission each request needs. */
class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1} → {2} ({3})")
    @CsvSource({
            "GET,    /api/v1/functions,                         READ,          NATIVE",
            "HEAD,   /api/v1/functions/orders,                  READ,          NATIVE",
            "PUT,    /api/v1/functions/orders,                  MANAGE,        NATIVE",
            "DELETE, /api/v1/functions/orders,                  MANAGE,        NATIVE",
            "POST,   /api/v1/code,                              MANAGE,        NATIVE",
            "POST,   /api/v1/functions/orders/versions,         MANAGE,        NATIVE",
            "POST,   /api/v1/functions/orders/invoke,           INVOKE,        NATIVE",
            "POST,   /api/v1/functions/orders:live/async,       INVOKE,        NATIVE",
            "POST,   /api/v1/functions/orders/dead-letters/redrive, MANAGE,    NATIVE",
            "GET,    /metrics,                                  READ,          NATIVE",
            "POST,   /metrics,                                  MANAGE,        NATIVE",
            "GET,    /api/v1/functions/f/metrics,               READ,          NATIVE",
            "GET,    /api/v1/keys,                              MANAGE_KEYS,   NATIVE",
            "POST,   /api/v1/keys,                              MANAGE_KEYS,   NATIVE",
            "DELETE, /api/v1/keys/NKAAAAAAAAAAAAAAAAAA,         MANAGE_KEYS,   NATIVE",
            "GET,    //api//v1//keys,                           MANAGE_KEYS,   NATIVE",
            "GET,    /api/v1/secrets,                           READ,          NATIVE",
            "PUT,    /api/v1/secrets/db,                        WRITE_SECRETS, NATIVE",
            "DELETE, /api/v1/secrets/db,                        WRITE_SECRETS, NATIVE",
            "POST,   /api/v1/events,                            PUBLISH,       NATIVE",
            "POST,   /api/v1/webhooks/s3,                       INVOKE,        NATIVE",
            "PUT,    /api/v1/topics/orders,                     MANAGE,        NATIVE",
            "GET,    /api/v1/status,                            READ,          NATIVE",
            "GET,    /,                                         READ,          NATIVE",
            "POST,   /elsewhere,                                MANAGE,        NATIVE",
            "POST,   /2015-03-31/functions/orders/invocations,  INVOKE,        LAMBDA",
            "GET,    /2015-03-31/functions/,                    READ,          LAMBDA",
            "POST,   /2015-03-31/functions,                     MANAGE,        LAMBDA",
            "PUT,    /2017-10-31/functions/orders/concurrency,  MANAGE,        LAMBDA",
            "POST,   /2021-10-31/functions/orders/url,          MANAGE,        LAMBDA",
            "GET,    /s3,                                       READ,          S3",
            "GET,    /s3/photos,                                READ,          S3",
            "PUT,    /s3/photos,                                MANAGE,        S3",
            "DELETE, /s3/photos,                                MANAGE,        S3",
            "POST,   /s3/photos,                                WRITE_OBJECTS, S3",
            "GET,    /s3/photos/a/b.jpg,                        READ_OBJECTS,  S3",
            "HEAD,   /s3/photos/a.jpg,                          READ_OBJECTS,  S3",
            "PUT,    /s3/photos/a.jpg,                          WRITE_OBJECTS, S3",
            "DELETE, /s3/photos/a.jpg,                          WRITE_OBJECTS, S3",
            "GET,    /fn/orders/x,                              INVOKE,        FUNCTION_ROUTE",
            "DELETE, /fn/orders,                                INVOKE,        FUNCTION_ROUTE",
            "POST,   /url/abc/,                                 INVOKE,        FUNCTION_URL",
            "GET,    /ui,                                       READ,          DASHBOARD",
            "GET,    /ui/,                                      READ,          DASHBOARD",
            "HEAD,   /ui/js/main.js,                            READ,          DASHBOARD",
            "GET,    //ui//vendor/uplot/uPlot.esm.js,           READ,          DASHBOARD",
            "POST,   /ui/,                                      MANAGE,        NATIVE",
            "PUT,    /ui/index.html,                            MANAGE,        NATIVE",
            "GET,    /ui/../api/v1/functions,                   READ,          NATIVE",
            "GET,    /ui/./index.html,                          READ,          NATIVE",
            "GET,    /uix/index.html,                           READ,          NATIVE",
    })
    void eachRequestNeedsItsPermission(String method, String path, Permission permission, Surface surface) {
        var rule = AccessRules.rule(method, path, path);

        assertThat(rule.permission()).isEqualTo(permission);
        assertThat(rule.surface()).isEqualTo(surface);
    }

    @Test
    void routeTargetsAreReadAsTheRoutesReadThem() {
        assertThat(AccessRules.rule("GET", "/fn/orders:live/x", "/fn/orders%3Alive/x").target()).isEqualTo("orders:live");
        assertThat(AccessRules.rule("GET", "/fn/orders", "/fn/orders").target()).isEqualTo("orders");
        assertThat(AccessRules.rule("GET", "/fn/", "/fn/").target()).isNull();
        assertThat(AccessRules.rule("GET", "/url/abc/x", "/url/abc/x").target()).isEqualTo("abc");
        assertThat(AccessRules.rule("GET", "/fn/orders/x", "/f%6E/orders/x").target())
                .as("a target not read the route's way is no target (never public)").isNull();
        assertThat(AccessRules.rule("GET", "/api/v1/functions", "/api/v1/functions").target()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "PUT,    /api/v1/functions/orders,              function, orders,  true",
            "GET,    /api/v1/functions/orders/versions,     function, orders,  false",
            "PUT,    /api/v1/functions/orders/aliases/live, function, orders,  false",
            "PUT,    /api/v1/topics/news,                   topic,    news,    true",
            "PUT,    /api/v1/topics/news/subscriptions/s,   topic,    news,    false",
            "DELETE, /api/v1/buckets/photos,                bucket,   photos,  false",
            "PUT,    /api/v1/buckets/minio/notifications/n, bucket,   minio,   true",
            "PUT,    /api/v1/schedules/nightly,             schedule, nightly, true",
            "PUT,    /api/v1/secrets/db.password,           secret,   db.password, true",
            "PUT,    /s3/photos,                            bucket,   photos,  true",
            "PUT,    /s3/photos/a/b.jpg,                    bucket,   photos,  false",
            "GET,    /fn/orders/x,                          function, orders,  false",
            "POST,   /api/v1/functions/orders:live/invoke,  function, orders,  false",
            "POST,   /api/v1/functions/orders:/async,       function, orders,  false",
            "POST,   /2015-03-31/functions/orders/invocations, function, orders, false",
            "GET,    /2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:orders:live, function, orders, false",
    })
    void theResourceAPathNamesIsFoundOnEverySurface(String method, String path, String kind, String name,
                                                    boolean creates) {
        assertThat(AccessRules.rule(method, path, path).ref())
                .isEqualTo(new AccessRules.Ref(ResourceKind.parse(kind), name, creates));
    }

    @Test
    void pathsWithoutANamedResourceHaveNone() {
        assertThat(AccessRules.rule("GET", "/api/v1/functions", "/api/v1/functions").ref()).isNull();
        assertThat(AccessRules.rule("POST", "/2015-03-31/functions", "/2015-03-31/functions").ref()).isNull();
        assertThat(AccessRules.rule("GET", "/s3", "/s3").ref()).isNull();
        assertThat(AccessRules.rule("GET", "/api/v1/keys/NKX", "/api/v1/keys/NKX").ref()).isNull();
        assertThat(AccessRules.rule("PUT", "/api/v1/topics/..", "/api/v1/topics/..").ref())
                .as("no resource can have this name, so none is claimed")
                .isEqualTo(new AccessRules.Ref(ResourceKind.TOPIC, "..", false));
        assertThat(AccessRules.rule("GET", "/fn/orders/x", "/f%6E/orders/x").ref())
                .as("the gateway reads the function from the raw path: unreadable there, none here").isNull();
    }

    @Test
    void namespacesNeedTheirOwnPermission() {
        assertThat(AccessRules.rule("GET", "/api/v1/namespaces", "/api/v1/namespaces").permission())
                .isEqualTo(Permission.MANAGE_NAMESPACES);
        assertThat(AccessRules.rule("PUT", "/api/v1/namespaces/a", "/api/v1/namespaces/a").permission())
                .isEqualTo(Permission.MANAGE_NAMESPACES);
    }

    @Test
    void signaturesAreAcceptedOnTheAwsCompatibleApisOnly() {
        assertThat(Surface.LAMBDA.signed()).isTrue();
        assertThat(Surface.S3.signed()).isTrue();
        assertThat(Surface.FUNCTION_URL.signed()).isTrue();
        assertThat(Surface.NATIVE.signed()).isFalse();
        assertThat(Surface.FUNCTION_ROUTE.signed()).isFalse();
    }
}
