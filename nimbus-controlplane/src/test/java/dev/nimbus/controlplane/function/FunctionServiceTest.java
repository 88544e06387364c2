package dev.nimbus.controlplane.function;

import static dev.nimbus.controlplane.function.ServiceFixture.T0;
import static dev.nimbus.controlplane.function.ServiceFixture.alias;
import static dev.nimbus.controlplane.function.ServiceFixture.describe;
import static dev.nimbus.controlplane.function.ServiceFixture.python;
import static dev.nimbus.controlplane.function.ServiceFixture.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.controlplane.function.FunctionService.Mode;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.function.ValidationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys, publishing, deletes, reserved concurrency, URLs and restarts; aliases are in {@link FunctionServiceAliasTest}. */
class FunctionServiceTest {
    @TempDir
    Path dir;
    ServiceFixture fx;
    FunctionService service;
    String codeA;
    String codeB;

    @BeforeEach
    void open() throws IOException {
        fx = new ServiceFixture(dir);
        service = fx.service();
        codeA = fx.upload("print('a')");
        codeB = fx.upload("print('b')");
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static void assertApiError(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static void assertInvalid(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void anEnvironmentMayReferToSecretsThatExistOnly() {
        var withSecret = new DeployRequest("python3", "app.handler", null, null,
                Map.of("DB_PASSWORD", "${secret:db-password}", "PLAIN", "${secret:x} is literal text"), null, null, codeA,
                null, null, null, null, null, null);
        var withUnknown = new DeployRequest("python3", "app.handler", null, null, Map.of("TOKEN", "${secret:nope}"),
                null, null, codeA, null, null, null, null, null, null);

        assertThat(service.deploy("orders", withSecret, Mode.CREATE).config().environment())
                .as("the reference is what is kept").containsEntry("DB_PASSWORD", "${secret:db-password}");
        assertInvalid(() -> service.deploy("billing", withUnknown, Mode.CREATE), "environment", "secret 'nope'");
        assertThat(service.state("billing")).isEmpty();
    }

    @Test
    void createMakesRevisionOneWithDefaultsAndActivatesIt() {
        FunctionRevision created = service.deploy("orders", python(codeA), Mode.CREATE);

        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.version()).isEqualTo(FunctionRevision.LATEST);
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.codeSha256()).isEqualTo(codeA);
        var config = created.config();
        assertThat(config.runtime()).isEqualTo(Runtime.of("python3"));
        assertThat(config.memoryMb()).isEqualTo(128);
        assertThat(config.timeoutSeconds()).isEqualTo(3);
        assertThat(config.concurrency()).isEqualTo(100);
        assertThat(config.httpPayload()).isEqualTo(PayloadFormat.V2);
        assertThat(config.role()).isEmpty();
        assertThat(service.get("orders").latest()).isEqualTo(created);
        assertThat(fx.events).containsExactly("activated orders:$LATEST#1");
    }

    @Test
    void createOfAnExistingFunctionConflictsAndChangesNothing() {
        service.deploy("orders", python(codeA), Mode.CREATE);

        assertApiError(() -> service.deploy("orders", python(codeB), Mode.CREATE), ErrorCode.CONFLICT, "orders");
        assertThat(service.get("orders").latest().revision()).isEqualTo(1);
        assertThat(fx.events).containsExactly("activated orders:$LATEST#1");
    }

    @Test
    void updateOfAMissingFunctionIsNotFoundAndCreatesNothing() {
        assertApiError(() -> service.deploy("ghost", python(codeA), Mode.UPDATE), ErrorCode.NOT_FOUND,
                "Function not found: ghost");
        assertThat(service.state("ghost")).isEmpty();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void upsertCreatesThenUpdatesWithTheNextRevision() {
        service.deploy("orders", python(codeA), Mode.UPSERT);
        fx.advance(60);
        FunctionRevision second = service.deploy("orders", python(codeB), Mode.UPSERT);

        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.codeSha256()).isEqualTo(codeB);
        assertThat(second.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(fx.events).containsExactly("activated orders:$LATEST#1", "activated orders:$LATEST#2");
    }

    @Test
    void absentFieldsKeepThePreviousRevisionsValues() {
        service.deploy("orders", new DeployRequest("nodejs", "index.handler", 512, 30, Map.of("STAGE", "prod"), "orders API",
                7, codeA, "arn:aws:iam::123456789012:role/orders", "nodejs22.x", "1.0", null, null, null), Mode.CREATE);

        FunctionRevision update = service.deploy("orders", new DeployRequest(null, null, null, 60, null, null, null, null,
                null, null, null, null, null, null), Mode.UPDATE);

        var c = update.config();
        assertThat(c.runtime()).isEqualTo(Runtime.of("nodejs"));
        assertThat(c.handler()).isEqualTo("index.handler");
        assertThat(c.memoryMb()).isEqualTo(512);
        assertThat(c.timeoutSeconds()).isEqualTo(60);
        assertThat(c.environment()).isEqualTo(Map.of("STAGE", "prod"));
        assertThat(c.description()).isEqualTo("orders API");
        assertThat(c.concurrency()).isEqualTo(7);
        assertThat(c.role()).isEqualTo("arn:aws:iam::123456789012:role/orders");
        assertThat(c.httpPayload()).isEqualTo(PayloadFormat.V1);
        assertThat(c.lambdaRuntime()).isEqualTo("nodejs22.x");
        assertThat(update.codeSha256()).isEqualTo(codeA);
    }

    @Test
    void changingTheRuntimeWithoutALambdaRuntimeIdForgetsTheOldId() {
        service.deploy("orders", new DeployRequest("nodejs", "index.handler", null, null, null, null, null, codeA, null,
                "nodejs22.x", null, null, null, null), Mode.CREATE);

        var sameRuntime = service.deploy("orders", new DeployRequest("nodejs", null, null, null, null, null, null, null,
                null, null, null, null, null, null), Mode.UPDATE);
        var otherRuntime = service.deploy("orders", new DeployRequest("python3", "app.handler", null, null, null, null,
                null, null, null, null, null, null, null, null), Mode.UPDATE);

        assertThat(sameRuntime.config().lambdaRuntime()).isEqualTo("nodejs22.x");
        assertThat(otherRuntime.config().lambdaRuntime()).isEmpty();
    }

    @Test
    void codeMustBeGivenForANewFunctionAndMustExist() {
        assertInvalid(() -> service.deploy("orders", python(null), Mode.CREATE), "codeSha256", "is required");
        assertApiError(() -> service.deploy("orders", python("0".repeat(64)), Mode.CREATE), ErrorCode.INVALID_PARAMETER,
                "codeSha256 names no uploaded code");
        assertApiError(() -> service.deploy("orders", python("../../etc/passwd"), Mode.CREATE),
                ErrorCode.INVALID_PARAMETER, "codeSha256 names no uploaded code");
        assertInvalid(() -> service.deploy("bad name", python(codeA), Mode.CREATE), "name", "1-64 characters");
        assertThat(service.list()).isEmpty();
    }

    @Test
    void revisionIdIsAPreconditionOnUpdate() {
        FunctionRevision first = service.deploy("orders", python(codeA), Mode.CREATE);
        var stale = new DeployRequest(null, null, 256, null, null, null, null, null, null, null, null, "not-" + first.revisionId(), null, null);
        var current = new DeployRequest(null, null, 256, null, null, null, null, null, null, null, null, first.revisionId(), null, null);

        assertApiError(() -> service.deploy("orders", stale, Mode.UPDATE), ErrorCode.PRECONDITION_FAILED, "Revision Id");
        FunctionRevision second = service.deploy("orders", current, Mode.UPDATE);

        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.revisionId()).isNotEqualTo(first.revisionId());
        assertApiError(() -> service.deploy("orders", current, Mode.UPDATE), ErrorCode.PRECONDITION_FAILED, "Revision Id");
    }

    @Test
    void publishNumbersVersionsFromOneAndFreezesTheRevision() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        fx.advance(10);
        FunctionRevision v1 = service.publish("orders", null, null, null);
        service.deploy("orders", python(codeB), Mode.UPDATE);
        FunctionRevision v2 = service.publish("orders", null, "second", null);

        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.revision()).isEqualTo(1);
        assertThat(v1.codeSha256()).isEqualTo(codeA);
        assertThat(v1.createdAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(v1.config().description()).isEmpty();
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.revision()).isEqualTo(2);
        assertThat(v2.config().description()).isEqualTo("second");
        assertThat(service.get("orders").versions()).extracting(FunctionRevision::version).containsExactly("1", "2");
        assertThat(service.get("orders").latest().config().description()).as("$LATEST keeps its own").isEmpty();
    }

    @Test
    void publishingAnUnchangedLatestReturnsTheNewestVersion() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        FunctionRevision first = service.publish("orders", null, "one", null);

        FunctionRevision again = service.publish("orders", null, "ignored", null);

        assertThat(again).isEqualTo(first);
        assertThat(service.get("orders").versions()).hasSize(1);
    }

    @Test
    void publishChecksCodeSha256AndRevisionIdPreconditions() {
        FunctionRevision latest = service.deploy("orders", python(codeA), Mode.CREATE);

        assertApiError(() -> service.publish("orders", codeB, null, null), ErrorCode.PRECONDITION_FAILED,
                "CodeSha256 (" + codeB + ") is different from current CodeSha256 in $LATEST (" + codeA + ")");
        assertApiError(() -> service.publish("orders", null, null, "stale"), ErrorCode.PRECONDITION_FAILED, "Revision Id");
        assertInvalid(() -> service.publish("orders", null, "x".repeat(257), null), "description", "at most 256");
        assertThat(service.get("orders").versions()).isEmpty();

        assertThat(service.publish("orders", codeA, null, latest.revisionId()).version()).isEqualTo("1");
        assertApiError(() -> service.publish("ghost", null, null, null), ErrorCode.NOT_FOUND, "Function not found: ghost");
    }

    @Test
    void versionNumbersAreNeverReusedAfterADelete() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        service.publish("orders", null, null, null);
        service.deploy("orders", describe("b"), Mode.UPDATE);
        service.publish("orders", null, null, null);
        service.deleteVersion("orders", "2");

        FunctionRevision third = service.publish("orders", null, null, null);

        assertThat(third.version()).isEqualTo("3");
        assertThat(third.revision()).as("revision 2 was no longer frozen by a version").isEqualTo(2);
        assertThat(fx.events).contains("version deleted orders:2");
    }

    @Test
    void latestCannotBeDeletedAndUnknownVersionsAreNotFound() {
        service.deploy("orders", python(codeA), Mode.CREATE);

        assertApiError(() -> service.deleteVersion("orders", "$LATEST"), ErrorCode.INVALID_PARAMETER,
                "$LATEST version cannot be deleted");
        assertApiError(() -> service.deleteVersion("orders", "9"), ErrorCode.NOT_FOUND, "Function not found: orders:9");
        assertApiError(() -> service.deleteVersion("ghost", "1"), ErrorCode.NOT_FOUND, "Function not found: ghost");
    }

    @Test
    void deleteRemovesEverythingTellsTheListenerAndForgetsLogs() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        service.publish("orders", null, null, null);
        service.putAlias("orders", "live", alias("1"), true);
        service.putUrl("orders", null, "NONE", null, null, true);
        service.setReservedConcurrency("orders", 3);

        service.delete("orders");

        assertThat(service.state("orders")).isEmpty();
        assertThat(service.list()).isEmpty();
        assertThat(service.resolve("orders", null)).isEmpty();
        assertThat(service.resolve("orders", "live")).isEmpty();
        assertThat(fx.events).endsWith("function deleted orders");
        assertThat(fx.deletedLogs).containsExactly("orders");
        assertApiError(() -> service.delete("orders"), ErrorCode.NOT_FOUND, "Function not found: orders");

        FunctionRevision again = service.deploy("orders", python(codeB), Mode.CREATE);
        var state = service.get("orders");
        assertThat(again.revision()).as("a new function starts over").isEqualTo(1);
        assertThat(state.versions()).isEmpty();
        assertThat(state.aliases()).isEmpty();
        assertThat(state.urls()).isEmpty();
        assertThat(state.reservedConcurrency()).isNull();
    }

    @Test
    void reservedConcurrencyIsBoundedAndTold() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        fx.events.clear();

        assertInvalid(() -> service.setReservedConcurrency("orders", -1), "reservedConcurrency", "between 0 and 1000, was -1");
        assertInvalid(() -> service.setReservedConcurrency("orders", 1001), "reservedConcurrency", "was 1001");
        assertApiError(() -> service.setReservedConcurrency("ghost", 5), ErrorCode.NOT_FOUND, "ghost");
        assertThat(fx.events).isEmpty();

        service.setReservedConcurrency("orders", 0);
        assertThat(service.get("orders").reservedConcurrency()).isZero();
        service.setReservedConcurrency("orders", 1000);
        assertThat(service.get("orders").reservedConcurrency()).isEqualTo(1000);
        service.setReservedConcurrency("orders", null);
        assertThat(service.get("orders").reservedConcurrency()).isNull();
        assertThat(fx.events).containsExactly("reserved orders 0", "reserved orders 1000", "reserved orders null");
    }

    @Test
    void urlsAreCreatedOnceUpdatedInPlaceAndDeleted() {
        service.deploy("orders", python(codeA), Mode.CREATE);

        var url = service.putUrl("orders", null, "NONE", null, null, true);
        assertThat(url.urlId()).matches("[0-9a-f]{32}");
        assertThat(url.invokeMode()).isEqualTo("BUFFERED");
        assertThat(url.createdAt()).isEqualTo(T0);
        assertApiError(() -> service.putUrl("orders", null, "NONE", null, null, true), ErrorCode.CONFLICT,
                "FunctionUrlConfig exists");

        fx.advance(5);
        var updated = service.putUrl("orders", null, "AWS_IAM", "{\"AllowOrigins\":[\"*\"]}", null, false);
        assertThat(updated.urlId()).isEqualTo(url.urlId());
        assertThat(updated.authType()).isEqualTo("AWS_IAM");
        assertThat(updated.cors()).isEqualTo("{\"AllowOrigins\":[\"*\"]}");
        assertThat(updated.invokeMode()).isEqualTo("BUFFERED");
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(service.get("orders").url(null)).contains(updated);

        service.deleteUrl("orders", null);
        assertThat(service.get("orders").urls()).isEmpty();
        assertApiError(() -> service.deleteUrl("orders", null), ErrorCode.NOT_FOUND, "does not exist");
        assertApiError(() -> service.putUrl("orders", null, "NONE", null, null, false), ErrorCode.NOT_FOUND,
                "does not exist");
    }

    @Test
    void urlSettingsAreValidatedAndAQualifierMustBeAnAlias() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        service.publish("orders", null, null, null);

        assertInvalid(() -> service.putUrl("orders", null, null, null, null, true), "authType", "NONE or AWS_IAM");
        assertInvalid(() -> service.putUrl("orders", null, "NONE", null, "STREAMING", true), "invokeMode",
                "was 'STREAMING'");
        assertApiError(() -> service.putUrl("orders", "live", "NONE", null, null, true), ErrorCode.NOT_FOUND,
                "Cannot find alias: orders:live");
        assertThat(service.get("orders").urls()).isEmpty();

        service.putAlias("orders", "live", alias("1"), true);
        var url = service.putUrl("orders", "live", "NONE", null, "RESPONSE_STREAM", true);
        assertThat(url.qualifier()).isEqualTo("live");
        assertThat(service.get("orders").url("live")).contains(url);
        assertThat(service.get("orders").url(null)).isEmpty();
    }

    @Test
    void stateSurvivesANewServiceOnTheSameStore() {
        service.deploy("orders", python(codeA), Mode.CREATE);
        service.publish("orders", null, "v1", null);
        service.deploy("orders", python(codeB), Mode.UPDATE);
        service.publish("orders", null, null, null);
        var live = service.putAlias("orders", "live", split("1", "2", 0.25), true);
        var url = service.putUrl("orders", "live", "NONE", null, null, true);
        service.setReservedConcurrency("orders", 4);
        service.deploy("thumbnails", python(codeA), Mode.CREATE);
        var before = service.list();
        fx.events.clear();

        FunctionService restarted = fx.service();

        assertThat(restarted.list()).isEqualTo(before);
        var state = restarted.get("orders");
        assertThat(state.latest().revision()).isEqualTo(2);
        assertThat(state.versions()).extracting(FunctionRevision::version).containsExactly("1", "2");
        assertThat(state.alias("live")).contains(live);
        assertThat(state.url("live")).contains(url);
        assertThat(fx.events).as("only functions with a reservation are announced").containsExactly("reserved orders 4");
        fx.draws.add(0.1);
        assertThat(restarted.resolve("orders", "live").orElseThrow().revision().version()).isEqualTo("2");
    }
}
