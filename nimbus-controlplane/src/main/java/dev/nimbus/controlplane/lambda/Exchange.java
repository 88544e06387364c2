package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.tenancy.Scope;
import java.util.Map;
import java.util.Optional;

/**
 * One Lambda API request as an operation sees it, after authentication.
 *
 * @param host     the request's Host header (checked to be a plain host[:port]), for URLs Nimbus hands out
 * @param function the percent-decoded {@code FunctionName} path parameter, or null
 * @param alias    the percent-decoded alias {@code Name} path parameter, or null
 * @param query    the first value of each query parameter
 * @param body     the request body, empty if none
 * @param scope    the namespace the request acts in; empty when authentication is off
 */
record Exchange(String host, String function, String alias, Map<String, String> query, byte[] body,
                Optional<Scope> scope) {

    String query(String name) {
        return query.get(name);
    }

    /** The function the path names, with the {@code Qualifier} query parameter applied. */
    FunctionRef ref() {
        return FunctionRef.parse(function).withQualifier(query("Qualifier"));
    }

    /** The function the path names, refused if the path or the query qualifies it. */
    FunctionRef unqualifiedRef() {
        return ref().unqualified();
    }
}
