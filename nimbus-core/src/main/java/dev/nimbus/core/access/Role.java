package dev.nimbus.core.access;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an API key is for; the permissions of each are decided in one place (the control plane's access policy). */
public enum Role {
    /** Everything, key management included. */
    ADMIN("admin"),
    /** Manages functions and everything around them, invokes and reads; no key management. */
    DEPLOYER("deployer"),
    /** Invokes functions, publishes events, reads and writes objects. */
    INVOKER("invoker"),
    /** Reads management state and listings; no invocation, no writes. */
    READ_ONLY("read-only");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and CLI, e.g. {@code read-only}. */
    public String wireName() {
        return wireName;
    }

    /** The role with this wire name, if any. */
    public static Optional<Role> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    /** The wire names, for messages: {@code admin, deployer, invoker, read-only}. */
    public static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
