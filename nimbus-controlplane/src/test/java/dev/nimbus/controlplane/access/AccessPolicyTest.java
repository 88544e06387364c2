package dev.nimbus.controlplane.access;

import static dev.nimbus.controlplane.access.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The role → permission table, cell by cell. */
class AccessPolicyTest {
    static final Map<Role, Set<Permission>> EXPECTED = Map.of(
            Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.DEPLOYER, EnumSet.of(READ, INVOKE, PUBLISH, READ_OBJECTS, WRITE_OBJECTS, MANAGE, WRITE_SECRETS),
            Role.INVOKER, EnumSet.of(INVOKE, PUBLISH, READ_OBJECTS, WRITE_OBJECTS),
            Role.READ_ONLY, EnumSet.of(READ));

    @Test
    void everyRoleGrantsExactlyItsPermissions() {
        for (Role role : Role.values()) {
            for (Permission permission : Permission.values()) {
                assertThat(AccessPolicy.allows(role, permission)).as(role + " " + permission)
                        .isEqualTo(EXPECTED.get(role).contains(permission));
            }
        }
    }

    @Test
    void onlyAdminsManageKeysAndAFunctionsTokenOnlyPublishes() {
        assertThat(EnumSet.allOf(Role.class).stream().filter(r -> AccessPolicy.allows(r, MANAGE_KEYS)))
                .containsExactly(Role.ADMIN);
        for (Permission permission : Permission.values()) {
            assertThat(AccessPolicy.allowsPublisher(permission)).as(permission.name()).isEqualTo(permission == PUBLISH);
        }
    }

    @Test
    void onlyAdminKeysOfTheDefaultNamespaceManageNamespaces() {
        assertThat(AccessPolicy.allows(new Caller("NKA", Role.ADMIN, "default"), MANAGE_NAMESPACES)).isTrue();
        assertThat(AccessPolicy.allows(new Caller("NKA", Role.ADMIN, "team-a"), MANAGE_NAMESPACES)).isFalse();
        assertThat(AccessPolicy.allows(new Caller("NKA", Role.ADMIN, "team-a"), MANAGE_KEYS))
                .as("a namespace's admin manages its keys").isTrue();
        assertThat(AccessPolicy.allows(new Caller("NKA", Role.DEPLOYER, "default"), MANAGE_NAMESPACES)).isFalse();
    }
}
