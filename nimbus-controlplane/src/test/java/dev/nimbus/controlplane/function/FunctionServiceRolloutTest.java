package dev.nimbus.controlplane.function;

import static dev.nimbus.controlplane.function.FunctionServiceTest.assertApiError;
import static dev.nimbus.controlplane.function.FunctionServiceTest.assertInvalid;
import static dev.nimbus.controlplane.function.ServiceFixture.T0;
import static dev.nimbus.controlplane.function.ServiceFixture.describe;
import static dev.nimbus.controlplane.function.ServiceFixture.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.controlplane.function.FunctionService.Mode;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.LastUpdate;
import dev.nimbus.core.function.Metric;
import dev.nimbus.core.function.ScalingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health-gated updates and the scaling knobs a deploy carries. */
class FunctionServiceRolloutTest {
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

    @Test
    void theGateSeesTheCandidateExactlyAsItIsThenStored() {
        service.deploy("orders", python(codeA), Mode.CREATE);

        FunctionRevision updated = service.deploy("orders", python(codeB), Mode.UPDATE);

        assertThat(fx.lastCandidate).isEqualTo(updated);
        assertThat(service.get("orders").latest()).isEqualTo(updated);
    }

    @Test
    void anAdmittedUpdateActivatesAndACreateIsOnlyWarmedUp() {
        fx.gateAnswer = new GateResult.Refused("Runtime.ExitError", "ignored for a new function");
        service.deploy("orders", python(codeA), Mode.CREATE);
        fx.gateAnswer = GateResult.ADMITTED;

        FunctionRevision updated = service.deploy("orders", python(codeB), Mode.UPDATE);

        assertThat(fx.gateCalls).containsExactly("orders:$LATEST#1 (new)", "orders:$LATEST#2 over #1");
        assertThat(fx.events).containsExactly("activated orders:$LATEST#1", "activated orders:$LATEST#2");
        assertThat(service.get("orders").latest()).isEqualTo(updated);
        assertThat(service.get("orders").lastUpdate()).isEqualTo(LastUpdate.successful(T0));
    }

    @Test
    void aRefusedUpdateKeepsTheOldRevisionServingAndRecordsWhy() {
        FunctionRevision first = service.deploy("orders", python(codeA), Mode.CREATE);
        fx.advance(30);
        fx.gateAnswer = new GateResult.Refused("Runtime.ExitError", "exit status 1");

        assertApiError(() -> service.deploy("orders", python(codeB), Mode.UPDATE), ErrorCode.INIT_FAILED,
                "its new revision failed to initialise (Runtime.ExitError: exit status 1); revision 1 keeps serving");

        var state = service.get("orders");
        assertThat(state.latest()).isEqualTo(first);
        assertThat(service.resolve("orders", null).orElseThrow().revision()).isEqualTo(first);
        assertThat(state.lastUpdate()).isEqualTo(LastUpdate.failed("Runtime.ExitError", "exit status 1", T0.plusSeconds(30)));
        assertThat(state.lastUpdate().reason()).isEqualTo("Runtime.ExitError: exit status 1");
        assertThat(fx.events).containsExactly("activated orders:$LATEST#1");
        assertThat(fx.service().get("orders").lastUpdate()).as("after a restart").isEqualTo(state.lastUpdate());

        fx.advance(5);
        fx.gateAnswer = GateResult.ADMITTED;
        FunctionRevision fixed = service.deploy("orders", describe("fixed"), Mode.UPDATE);

        assertThat(fixed.revision()).as("the refused candidate used no number").isEqualTo(2);
        assertThat(fx.gateCalls).containsExactly("orders:$LATEST#1 (new)", "orders:$LATEST#2 over #1",
                "orders:$LATEST#2 over #1");
        assertThat(service.get("orders").lastUpdate()).isEqualTo(LastUpdate.successful(T0.plusSeconds(35)));
        assertThat(service.resolve("orders", null).orElseThrow().revision()).isEqualTo(fixed);
    }

    @Test
    void scalingMergesFieldByFieldAndFollowsConcurrency() {
        FunctionRevision created = service.deploy("orders", python(codeA), Mode.CREATE);
        assertThat(created.config().scaling()).isEqualTo(ScalingSpec.defaults());

        FunctionRevision rps = service.deploy("orders", scaling(new ScalingRequest("RPS", null, 0.5, 30, null, null,
                null, null, null, null, 1, null), null), Mode.UPDATE);
        assertThat(rps.config().scaling()).isEqualTo(ScalingSpec.builder(Metric.RPS).targetUtilisation(0.5)
                .stableWindow(Duration.ofSeconds(30)).minInstances(1).build());

        FunctionRevision narrower = service.deploy("orders", scaling(new ScalingRequest(null, 40.0, null, null, null,
                null, null, null, 120, null, null, 2), 5), Mode.UPDATE);
        assertThat(narrower.config().scaling()).isEqualTo(ScalingSpec.builder(Metric.RPS).target(40)
                .targetUtilisation(0.5).stableWindow(Duration.ofSeconds(30)).scaleDownDelay(Duration.ofSeconds(120))
                .minInstances(1).initialInstances(2).maxInstances(5).build());

        FunctionRevision untouched = service.deploy("orders", describe("same scaling"), Mode.UPDATE);
        assertThat(untouched.config().scaling()).isEqualTo(narrower.config().scaling());
    }

    @Test
    void badScalingIsRefusedNamingTheFieldAndNothingIsDeployed() {
        service.deploy("orders", python(codeA), Mode.CREATE);

        assertInvalid(() -> service.deploy("orders", scaling(new ScalingRequest("latency", null, null, null, null,
                null, null, null, null, null, null, null), null), Mode.UPDATE), "scaling.metric",
                "must be one of concurrency, rps, cpu, memory, was 'latency'");
        assertInvalid(() -> service.deploy("orders", scaling(new ScalingRequest(null, null, null, 3, null,
                null, null, null, null, null, null, null), null), Mode.UPDATE), "scaling.stableWindowSeconds",
                "between 6s and 3600s, was 3.0s");
        assertInvalid(() -> service.deploy("orders", scaling(new ScalingRequest(null, null, null, null, null,
                null, null, null, null, null, 8, null), 4), Mode.UPDATE), "scaling.minInstances",
                "must be between 0 and maxInstances (4), was 8");

        assertThat(service.get("orders").latest().revision()).isEqualTo(1);
        assertThat(fx.gateCalls).hasSize(1);
    }

    private static DeployRequest scaling(ScalingRequest scaling, Integer concurrency) {
        return new DeployRequest(null, null, null, null, null, null, concurrency, null, null, null, null, null, scaling, null);
    }
}
