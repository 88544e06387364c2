package dev.nimbus.controlplane.function;

import static dev.nimbus.controlplane.function.FunctionServiceTest.assertApiError;
import static dev.nimbus.controlplane.function.FunctionServiceTest.assertInvalid;
import static dev.nimbus.controlplane.function.ServiceFixture.T0;
import static dev.nimbus.controlplane.function.ServiceFixture.alias;
import static dev.nimbus.controlplane.function.ServiceFixture.describe;
import static dev.nimbus.controlplane.function.ServiceFixture.python;
import static dev.nimbus.controlplane.function.ServiceFixture.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.controlplane.function.FunctionService.Mode;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionCatalog.Target;
import dev.nimbus.core.function.FunctionRevision;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resolving qualifiers and managing aliases. Every test starts with {@code orders} at revision 3,
 * version 1 = revision 1 and version 2 = revision 2.
 */
class FunctionServiceAliasTest {
    @TempDir
    Path dir;
    ServiceFixture fx;
    FunctionService service;

    @BeforeEach
    void open() throws IOException {
        fx = new ServiceFixture(dir);
        service = fx.service();
        service.deploy("orders", python(fx.upload("print(1)")), Mode.CREATE);
        service.publish("orders", null, null, null);
        service.deploy("orders", describe("two"), Mode.UPDATE);
        service.publish("orders", null, null, null);
        service.deploy("orders", describe("three"), Mode.UPDATE);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private long revisionOf(String qualifier) {
        return service.resolve("orders", qualifier).orElseThrow().revision().revision();
    }

    @Test
    void latestNullAndVersionNumbersResolveWithoutADraw() {
        Target unqualified = service.resolve("orders", null).orElseThrow();
        Target latest = service.resolve("orders", "$LATEST").orElseThrow();
        Target one = service.resolve("orders", "1").orElseThrow();

        assertThat(unqualified.revision().revision()).isEqualTo(3);
        assertThat(unqualified.qualifier()).isNull();
        assertThat(latest.revision().revision()).isEqualTo(3);
        assertThat(latest.qualifier()).isEqualTo("$LATEST");
        assertThat(one.revision().version()).isEqualTo("1");
        assertThat(one.revision().revision()).isEqualTo(1);
        assertThat(one.qualifier()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9", "live", "", "latest", "1.0"})
    void unknownQualifiersAndFunctionsResolveToNothing(String qualifier) {
        assertThat(service.resolve("orders", qualifier)).isEmpty();
        assertThat(service.resolve("ghost", null)).isEmpty();
        assertThat(service.resolve(null, null)).isEmpty();
    }

    /**
     * With version 1 primary and 0.25 to version 2: a draw below 0.25 runs version 2, any other
     * (0.25 itself included) version 1.
     */
    @ParameterizedTest
    @CsvSource({"0.0, 2", "0.1, 2", "0.2499, 2", "0.25, 1", "0.9, 1", "0.9999, 1"})
    void aWeightedAliasPicksByTheDraw(double draw, String version) {
        service.putAlias("orders", "live", split("1", "2", 0.25), true);
        fx.draws.add(draw);

        Target target = service.resolve("orders", "live").orElseThrow();

        assertThat(target.revision().version()).isEqualTo(version);
        assertThat(target.qualifier()).isEqualTo("live");
        assertThat(fx.draws).isEmpty();
    }

    @Test
    void anAliasOfLatestFollowsDeploys() {
        service.putAlias("orders", "edge", alias("$LATEST"), true);
        fx.draws.add(0.5);
        assertThat(revisionOf("edge")).isEqualTo(3);

        service.deploy("orders", describe("four"), Mode.UPDATE);
        fx.draws.add(0.5);
        assertThat(revisionOf("edge")).isEqualTo(4);
    }

    @Test
    void createStoresTheAliasAndUpdateKeepsWhatIsNotGiven() {
        Alias created = service.putAlias("orders", "live", new AliasRequest("1", "prod", "2", 0.1, null), true);
        assertThat(created).isEqualTo(new Alias("orders", "live", "1", "prod", "2", 0.1, created.revisionId(), T0));
        assertThat(service.get("orders").alias("live")).contains(created);

        fx.advance(30);
        Alias described = service.putAlias("orders", "live", new AliasRequest(null, "production", null, null, null), false);
        assertThat(described).isEqualTo(new Alias("orders", "live", "1", "production", "2", 0.1,
                described.revisionId(), T0.plusSeconds(30)));
        assertThat(described.revisionId()).isNotEqualTo(created.revisionId());
        // the split is kept too, so promoting its version alone names version 2 twice
        assertApiError(() -> service.putAlias("orders", "live", alias("2"), false), ErrorCode.INVALID_PARAMETER,
                "Function version 2 is already included in routing configuration");
        assertThat(service.get("orders").alias("live")).contains(described);
    }

    @Test
    void routingIsReplacedWhenGivenAndClearedByWeightZeroWithoutAVersion() {
        service.putAlias("orders", "live", split("1", "2", 0.1), true);

        Alias reweighted = service.putAlias("orders", "live", new AliasRequest(null, null, "2", 0.5, null), false);
        assertThat(reweighted.additionalWeight()).isEqualTo(0.5);
        assertThat(reweighted.version()).isEqualTo("1");

        Alias cleared = service.putAlias("orders", "live", new AliasRequest("2", null, null, 0.0, null), false);
        assertThat(cleared.additionalVersion()).isNull();
        assertThat(cleared.additionalWeight()).isZero();
        assertThat(service.get("orders").alias("live")).contains(cleared);
    }

    /** Found by this test: a weight without a version used to clear the split silently and answer success. */
    @Test
    void aWeightWithoutAnAdditionalVersionIsRefusedRatherThanDropped() {
        Alias before = service.putAlias("orders", "live", split("1", "2", 0.1), true);

        assertInvalid(() -> service.putAlias("orders", "live", new AliasRequest(null, null, null, 0.2, null), false),
                "additionalVersion", "is required when additionalWeight is above 0, was 0.2");
        assertInvalid(() -> service.putAlias("orders", "beta", new AliasRequest("1", null, null, 0.2, null), true),
                "additionalVersion", "is required");
        assertThat(service.get("orders").alias("live")).contains(before);
        assertThat(service.get("orders").alias("beta")).isEmpty();
    }

    @Test
    void revisionIdIsAPreconditionOnAliasUpdates() {
        Alias created = service.putAlias("orders", "live", alias("1"), true);

        assertApiError(() -> service.putAlias("orders", "live", new AliasRequest("2", null, null, null, "stale"), false),
                ErrorCode.PRECONDITION_FAILED, "Revision Id");
        Alias updated = service.putAlias("orders", "live", new AliasRequest("2", null, null, null, created.revisionId()),
                false);
        assertThat(updated.version()).isEqualTo("2");
    }

    @Test
    void createAndUpdateModesAreEnforced() {
        service.putAlias("orders", "live", alias("1"), true);

        assertApiError(() -> service.putAlias("orders", "live", alias("2"), true), ErrorCode.CONFLICT,
                "Alias already exists: orders:live");
        assertApiError(() -> service.putAlias("orders", "beta", alias("2"), false), ErrorCode.NOT_FOUND,
                "Cannot find alias: orders:beta");
        assertApiError(() -> service.putAlias("ghost", "live", alias("1"), true), ErrorCode.NOT_FOUND,
                "Function not found: ghost");
        assertInvalid(() -> service.putAlias("orders", "beta", alias(null), true), "version", "is required");
    }

    @Test
    void versionsMustExist() {
        assertApiError(() -> service.putAlias("orders", "live", alias("7"), true), ErrorCode.NOT_FOUND,
                "Function not found: orders:7");
        assertApiError(() -> service.putAlias("orders", "live", split("1", "7", 0.1), true), ErrorCode.NOT_FOUND,
                "Function not found: orders:7");
        assertInvalid(() -> service.putAlias("orders", "live", split("1", "live", 0.1), true), "additionalVersion",
                "must be a published version number, was 'live'");
        assertThat(service.get("orders").aliases()).isEmpty();
    }

    @Test
    void latestCannotSplitTrafficAndAVersionCannotBeBothSides() {
        assertApiError(() -> service.putAlias("orders", "live", split("$LATEST", "1", 0.1), true),
                ErrorCode.INVALID_PARAMETER, "$LATEST is not supported for an alias pointing to more than 1 version");
        assertApiError(() -> service.putAlias("orders", "live", split("1", "1", 0.1), true), ErrorCode.INVALID_PARAMETER,
                "Function version 1 is already included in routing configuration");
        assertThat(service.get("orders").aliases()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void weightsOutsideZeroToOneAreRefused(double weight) {
        assertInvalid(() -> service.putAlias("orders", "live", split("1", "2", weight), true), "additionalWeight",
                "must be between 0.0 and 1.0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void weightsAtTheBoundsAreAccepted(double weight) {
        assertThat(service.putAlias("orders", "live", split("1", "2", weight), true).additionalWeight()).isEqualTo(weight);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "0", "has space", "dot.ted", "a/b", ""})
    void aliasNamesMustBeWordsNotNumbers(String name) {
        assertInvalid(() -> service.putAlias("orders", name, alias("1"), true), "name", "not only digits");
    }

    @Test
    void anUpsertCreatesThenUpdatesAndSaysWhichItDid() {
        var first = service.upsertAlias("orders", "edge", alias("1"));
        var second = service.upsertAlias("orders", "edge", alias("2"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(service.get("orders").alias("edge")).map(Alias::version).contains("2");
    }

    @Test
    void aliasNamesMayBeUpTo128Characters() {
        assertThat(service.putAlias("orders", "a".repeat(128), alias("1"), true).name()).hasSize(128);
        assertInvalid(() -> service.putAlias("orders", "a".repeat(129), alias("1"), true), "name", "1-128");
    }

    @Test
    void aVersionAnAliasRoutesToCannotBeDeletedUntilTheAliasIsGone() {
        service.putAlias("orders", "live", split("1", "2", 0.1), true);
        fx.events.clear();

        assertApiError(() -> service.deleteVersion("orders", "1"), ErrorCode.CONFLICT,
                "Unable to delete version because the following aliases reference it: [live]");
        service.putAlias("orders", "beta", alias("2"), true);
        assertApiError(() -> service.deleteVersion("orders", "2"), ErrorCode.CONFLICT, "[beta, live]");
        service.deleteAlias("orders", "beta");
        assertThat(service.get("orders").versions()).hasSize(2);

        service.deleteAlias("orders", "live");
        service.deleteVersion("orders", "2");

        assertThat(service.get("orders").versions()).extracting(FunctionRevision::version).containsExactly("1");
        assertThat(service.resolve("orders", "2")).isEmpty();
        assertThat(fx.events).containsExactly("version deleted orders:2");
    }

    @Test
    void anAliasUrlGoesWithItsAliasAndDoesNotComeBackWithANamesake() {
        service.putAlias("orders", "live", alias("1"), true);
        service.putUrl("orders", "live", "AWS_IAM", null, null, true);

        service.deleteAlias("orders", "live");
        service.putAlias("orders", "live", alias("1"), true);

        assertThat(service.get("orders").url("live")).isEmpty();
    }

    @Test
    void deletingAnAliasThatIsNotThereIsNotFound() {
        assertApiError(() -> service.deleteAlias("orders", "live"), ErrorCode.NOT_FOUND, "Cannot find alias: orders:live");
        assertApiError(() -> service.deleteAlias("ghost", "live"), ErrorCode.NOT_FOUND, "Function not found: ghost");
    }
}
