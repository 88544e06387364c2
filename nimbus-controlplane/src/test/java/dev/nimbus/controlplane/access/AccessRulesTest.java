package dev.nimbus.controlplane.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.controlplane.access.AccessRules.Surface;
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

    @Test
    void signaturesAreAcceptedOnTheAwsCompatibleApisOnly() {
        assertThat(Surface.LAMBDA.signed()).isTrue();
        assertThat(Surface.S3.signed()).isTrue();
        assertThat(Surface.FUNCTION_URL.signed()).isTrue();
        assertThat(Surface.NATIVE.signed()).isFalse();
        assertThat(Surface.FUNCTION_ROUTE.signed()).isFalse();
    }
}
