package dev.nimbus.controlplane.access;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says what each role may do:
 * <pre>
 * permission      admin  deployer  invoker  read-only
 * READ              x       x                  x
 * INVOKE            x       x         x
 * PUBLISH           x       x         x
 * READ_OBJECTS      x       x         x
 * WRITE_OBJECTS     x       x         x
 * MANAGE            x       x
 * WRITE_SECRETS     x       x
 * MANAGE_KEYS       x
 * MANAGE_NAMESPACES x (of the default namespace only)
 * </pre>
 * A function's own publish token (its instances' {@code NIMBUS_EVENTS_TOKEN}) grants PUBLISH only.
 */
public final class AccessPolicy {
    private static final Map<Role, Set<Permission>> GRANTS = grants();

    private AccessPolicy() {
    }

    private static Map<Role, Set<Permission>> grants() {
        var grants = new EnumMap<Role, Set<Permission>>(Role.class);
        grants.put(Role.ADMIN, EnumSet.allOf(Permission.class));
        grants.put(Role.DEPLOYER, EnumSet.complementOf(EnumSet.of(Permission.MANAGE_KEYS, Permission.MANAGE_NAMESPACES)));
        grants.put(Role.INVOKER, EnumSet.of(Permission.INVOKE, Permission.PUBLISH, Permission.READ_OBJECTS,
                Permission.WRITE_OBJECTS));
        grants.put(Role.READ_ONLY, EnumSet.of(Permission.READ));
        grants.replaceAll((role, permissions) -> Set.copyOf(permissions));
        return Map.copyOf(grants);
    }

    /** Whether {@code role} grants {@code permission}. */
    public static boolean allows(Role role, Permission permission) {
        return GRANTS.get(role).contains(permission);
    }

    /** Whether {@code caller}'s key grants {@code permission}: its role's, and namespaces for installation administrators only. */
    public static boolean allows(Caller caller, Permission permission) {
        return allows(caller.role(), permission)
                && (permission != Permission.MANAGE_NAMESPACES || caller.administersInstallation());
    }

    /** Whether a function's publish token grants {@code permission}. */
    public static boolean allowsPublisher(Permission permission) {
        return permission == Permission.PUBLISH;
    }
}
