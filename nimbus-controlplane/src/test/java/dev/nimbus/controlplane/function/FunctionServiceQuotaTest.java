package dev.nimbus.controlplane.function;

import static dev.nimbus.controlplane.function.FunctionServiceTest.assertApiError;
import static dev.nimbus.controlplane.function.FunctionServiceTest.assertInvalid;
import static dev.nimbus.controlplane.function.ServiceFixture.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.controlplane.access.Namespaces;
import dev.nimbus.controlplane.function.FunctionService.Mode;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.tenancy.ResourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a function's namespace allows at deploy: its function count, its code size, its secrets. */
class FunctionServiceQuotaTest {
    @TempDir
    Path dir;
    ServiceFixture fx;
    Namespaces namespaces;
    FunctionService service;
    String code;

    @BeforeEach
    void open() throws IOException {
        fx = new ServiceFixture(dir);
        namespaces = Namespaces.load(fx.sql.namespaces(), fx.clock);
        fx.tenancy = namespaces;
        service = fx.service();
        code = fx.upload("print('a')");
        namespaces.put("team-a", 2, null, null);
        namespaces.put("team-b", null, null, null);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Claims the name for {@code namespace}, as the access filter does before a deploy reaches the service. */
    private void claim(String namespace, String function) {
        namespaces.claim(ResourceKind.FUNCTION, function, namespace);
    }

    @Test
    void aNamespaceCreatesNoMoreFunctionsThanItsQuotaButUpdatesThem() {
        for (String name : new String[] {"a1", "a2", "a3"}) {
            claim("team-a", name);
        }
        claim("team-b", "b1");
        service.deploy("a1", python(code), Mode.CREATE);
        service.deploy("a2", python(code), Mode.CREATE);

        assertApiError(() -> service.deploy("a3", python(code), Mode.CREATE), ErrorCode.QUOTA_EXCEEDED,
                "Namespace team-a has 2 of its maximum of 2 functions");
        assertThat(service.state("a3")).isEmpty();
        assertThat(service.deploy("a1", python(code), Mode.UPSERT).revision()).as("an update is no new function")
                .isEqualTo(2);
        assertThat(service.deploy("b1", python(code), Mode.CREATE).revision()).as("another namespace is unaffected")
                .isEqualTo(1);

        service.delete("a2");
        assertThat(service.deploy("a3", python(code), Mode.CREATE).revision()).as("room again after a delete")
                .isEqualTo(1);
    }

    @Test
    void aRefusedCreateLeavesNoReservationBehind() {
        namespaces.put("team-a", 1, null, 5L);
        claim("team-a", "a1");

        assertApiError(() -> service.deploy("a1", python(code), Mode.CREATE), ErrorCode.QUOTA_EXCEEDED,
                "allows at most 5 (its maxCodeBytes quota)");
        namespaces.put("team-a", 1, null, null);

        assertThat(service.deploy("a1", python(code), Mode.CREATE).revision()).isEqualTo(1);
    }

    @Test
    void codeLargerThanTheNamespaceAllowsIsRefusedAlsoOnUpdate() {
        claim("team-a", "a1");
        service.deploy("a1", python(code), Mode.CREATE);
        namespaces.put("team-a", 2, null, 10L);

        assertApiError(() -> service.deploy("a1", python(code), Mode.UPSERT), ErrorCode.QUOTA_EXCEEDED,
                "maxCodeBytes");
        assertThat(service.get("a1").latest().revision()).isEqualTo(1);
    }

    @Test
    void aFunctionUsesOnlyTheSecretsOfItsOwnNamespace() {
        namespaces.claim(ResourceKind.SECRET, "db-password", "team-b");
        claim("team-a", "a1");
        claim("team-b", "b1");
        var withSecret = new DeployRequest("python3", "app.handler", null, null,
                Map.of("DB_PASSWORD", "${secret:db-password}"), null, null, code, null, null, null, null, null, null);

        assertInvalid(() -> service.deploy("a1", withSecret, Mode.CREATE), "environment", "secret 'db-password'");
        assertThat(service.deploy("b1", withSecret, Mode.CREATE).revision()).isEqualTo(1);
    }
}
