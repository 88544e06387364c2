package dev.nimbus.gateway;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import java.util.regex.Pattern;

/**
 * A function as the native invoke endpoint and function routes name it: {@code name} or
 * {@code name:qualifier}, the qualifier being {@code $LATEST}, a version number or an alias.
 *
 * @param name      function name
 * @param qualifier qualifier, or null
 */
public record QualifiedName(String name, String qualifier) {

    private static final Pattern QUALIFIER = Pattern.compile("[a-zA-Z0-9$_-]{1,128}");

    /**
     * Splits at the ':'; an empty qualifier counts as none.
     *
     * @throws ApiException INVALID_PARAMETER (400) for more than one ':', an invalid name or qualifier
     */
    public static QualifiedName parse(String ref) {
        int colon = ref.indexOf(':');
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String qualifier = colon < 0 || colon == ref.length() - 1 ? null : ref.substring(colon + 1);
        if (!FunctionName.isValid(name) || qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            throw Messages.invalidFunctionReference(ref);
        }
        return new QualifiedName(name, qualifier);
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
