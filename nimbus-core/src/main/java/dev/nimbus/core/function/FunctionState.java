package dev.nimbus.core.function;

import java.util.List;
import java.util.Optional;

/**
 * Everything known about one function, read in one go: {@code $LATEST}, published versions,
 * aliases and function-wide settings.
 *
 * @param latest              the revision {@code $LATEST} serves
 * @param versions            published versions, ascending
 * @param aliases             aliases, by name
 * @param reservedConcurrency concurrency reserved for (and capping) all versions together, or null
 * @param urls                function URLs, unqualified first
 */
public record FunctionState(FunctionRevision latest, List<FunctionRevision> versions, List<Alias> aliases,
                            Integer reservedConcurrency, List<FunctionUrl> urls) {

    public FunctionState {
        versions = List.copyOf(versions);
        aliases = List.copyOf(aliases);
        urls = List.copyOf(urls);
    }

    public String name() {
        return latest.name();
    }

    /** {@code $LATEST} or a published version. */
    public Optional<FunctionRevision> version(String version) {
        if (FunctionRevision.LATEST.equals(version)) {
            return Optional.of(latest);
        }
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    public Optional<Alias> alias(String name) {
        return aliases.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<FunctionUrl> url(String qualifier) {
        return urls.stream().filter(u -> java.util.Objects.equals(u.qualifier(), qualifier)).findFirst();
    }
}
