package dev.nimbus.core.function;

import java.util.Optional;

/** Read side used on the request path: resolves a function name to the revision that serves it. */
public interface FunctionCatalog {

    Optional<FunctionRevision> find(String name);
}
