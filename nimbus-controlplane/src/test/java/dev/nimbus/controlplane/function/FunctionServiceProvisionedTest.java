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
import dev.nimbus.core.function.ProvisionedConcurrency;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioned concurrency: validation, allocation from warm instances, and the floors the pool is told. */
class FunctionServiceProvisionedTest {
    @TempDir
    Path dir;
    ServiceFixture fx;
    FunctionService service;

    @BeforeEach
    void open() throws IOException {
        fx = new ServiceFixture(dir);
        service = fx.service();
        service.deploy("orders", python(fx.upload("print('a')")), Mode.CREATE);
        service.publish("orders", null, null, null);
        service.deploy("orders", describe("two"), Mode.UPDATE);
        service.publish("orders", null, null, null);
        fx.events.clear();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aVersionKeepsItsFloorAndReportsWhatIsWarm() {
        ProvisionedConcurrency saved = service.putProvisioned("orders", "1", 3);

        assertThat(saved).isEqualTo(new ProvisionedConcurrency("orders", "1", 3, T0));
        assertThat(fx.events).containsExactly("floors orders {1=3}");
        assertThat(service.provisioned("orders", "1")).isEqualTo(new ProvisionedStatus(saved, 0, "IN_PROGRESS"));
        fx.warm.put("orders:1", 2);
        assertThat(service.provisioned("orders", "1").allocated()).isEqualTo(2);
        fx.warm.put("orders:1", 5);
        assertThat(service.provisioned("orders", "1")).isEqualTo(new ProvisionedStatus(saved, 3, "READY"));

        service.putProvisioned("orders", "1", 3);
        assertThat(fx.events).as("an unchanged floor is not told again").hasSize(1);
        service.deleteProvisioned("orders", "1");
        assertThat(fx.events).containsExactly("floors orders {1=3}", "floors orders {}");
        assertApiError(() -> service.provisioned("orders", "1"), ErrorCode.NOT_FOUND, "No Provisioned Concurrency Config");
        assertApiError(() -> service.deleteProvisioned("orders", "1"), ErrorCode.NOT_FOUND, "No Provisioned Concurrency");
    }

    @Test
    void anAliasSplitsItsCountByWeightAndFollowsItsRouting() {
        service.putAlias("orders", "live", split("1", "2", 0.3), true);
        service.putProvisioned("orders", "2", 2);
        fx.events.clear();

        service.putProvisioned("orders", "live", 5);
        assertThat(fx.events).as("round(5 × 0.7) = 4 on version 1, the other 1 on version 2 plus its own 2")
                .containsExactly("floors orders {1=4, 2=3}");

        service.putAlias("orders", "live", new AliasRequest("2", null, null, 0.0, null), false);
        assertThat(fx.events).last().isEqualTo("floors orders {2=7}");
        fx.warm.put("orders:2", 6);
        assertThat(service.listProvisioned("orders")).extracting(p -> p.config().qualifier() + "=" + p.allocated())
                .containsExactly("2=2", "live=5");

        service.deleteAlias("orders", "live");
        assertThat(fx.events).last().isEqualTo("floors orders {2=2}");
        service.deleteVersion("orders", "2");
        assertThat(fx.events).last().isEqualTo("floors orders {}");
        assertThat(service.listProvisioned("orders")).isEmpty();
    }

    @Test
    void floorsAreToldAgainAfterARestartAndClearedWithTheFunction() {
        service.putProvisioned("orders", "1", 1);
        fx.events.clear();

        FunctionService restarted = fx.service();
        assertThat(fx.events).containsExactly("floors orders {1=1}");

        restarted.delete("orders");
        assertThat(fx.events).containsExactly("floors orders {1=1}", "function deleted orders", "floors orders {}");
    }

    @Test
    void refusesLatestUnknownQualifiersAndCountsOutOfRange() {
        service.putAlias("orders", "edge", alias("$LATEST"), true);

        assertApiError(() -> service.putProvisioned("orders", "$LATEST", 1), ErrorCode.INVALID_PARAMETER,
                "cannot be applied to unpublished function versions");
        assertApiError(() -> service.putProvisioned("orders", "edge", 1), ErrorCode.INVALID_PARAMETER,
                "alias edge points to $LATEST");
        assertApiError(() -> service.putProvisioned("orders", "9", 1), ErrorCode.NOT_FOUND, "orders:9");
        assertApiError(() -> service.putProvisioned("nope", "1", 1), ErrorCode.NOT_FOUND, "Function not found: nope");
        assertInvalid(() -> service.putProvisioned("orders", "1", 0), "instances", "between 1 and 100");
        assertInvalid(() -> service.putProvisioned("orders", "1", 101), "instances",
                "must be between 1 and 100 (the concurrency of orders:1), was 101");
        assertThat(service.listProvisioned("orders")).isEmpty();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void provisionedConcurrencyStaysWithinTheReservation() {
        service.setReservedConcurrency("orders", 4);
        service.putProvisioned("orders", "1", 3);

        assertApiError(() -> service.putProvisioned("orders", "2", 2), ErrorCode.INVALID_PARAMETER,
                "(2 for 2, 5 in all) should not be greater than its reserved concurrency (4)");
        service.putProvisioned("orders", "1", 2);
        service.putProvisioned("orders", "2", 2);
        assertApiError(() -> service.setReservedConcurrency("orders", 3), ErrorCode.CONFLICT,
                "Reserved concurrency (3) cannot be lower than the provisioned concurrency of orders (4 in all)");
        assertThat(service.get("orders").reservedConcurrency()).isEqualTo(4);
    }

    @Test
    void anAliasWithProvisionedConcurrencyCannotMoveToLatest() {
        service.putAlias("orders", "live", alias("1"), true);
        service.putProvisioned("orders", "live", 1);

        assertApiError(() -> service.putAlias("orders", "live", alias("$LATEST"), false), ErrorCode.INVALID_PARAMETER,
                "alias live has provisioned concurrency; delete it first");
        assertThat(service.get("orders").alias("live").orElseThrow().version()).isEqualTo("1");
    }
}
