package dev.nimbus.gateway;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionRevision;

/**
 * A function as the native invoke endpoint and function routes name it: {@code name} or
 * {@code name:qualifier}, the qualifier being {@code $LATEST}, a version number or an alias.
 *
 * @param name      function name
 * @param qualifier qualifier, or null
 */
public record QualifiedName(String name, String qualifier) {

    /** Splits at the first ':'; an empty qualifier counts as none. */
    public static QualifiedName parse(String ref) {
        int colon = ref.indexOf(':');
        if (colon < 0) {
            return new QualifiedName(ref, null);
        }
        String qualifier = ref.substring(colon + 1);
        return new QualifiedName(ref.substring(0, colon), qualifier.isEmpty() ? null : qualifier);
    }

    /**
     * What one invocation runs (an alias with weights picks its version now).
     *
     * @throws ApiException NOT_FOUND naming what is missing: the function, the version or the alias
     */
    public FunctionCatalog.Target resolveIn(FunctionCatalog catalog) {
        return catalog.resolve(name, qualifier).orElseThrow(() -> {
            if (qualifier == null || qualifier.equals(FunctionRevision.LATEST) || catalog.state(name).isEmpty()) {
                return Messages.functionNotFound(name);
            }
            return isVersionNumber(qualifier) ? Messages.versionNotFound(name, qualifier)
                    : Messages.aliasNotFound(name, qualifier);
        });
    }

    /** Version numbers are digits; any other qualifier but {@code $LATEST} names an alias. */
    public static boolean isVersionNumber(String qualifier) {
        return !qualifier.isEmpty() && qualifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
