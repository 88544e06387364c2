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
 * @param provisioned         provisioned concurrency per version or alias, by qualifier
 * @param lastUpdate          how the last update of {@code $LATEST} ended; null means successful when
 *                            {@code latest} was created
 */
public record FunctionState(FunctionRevision latest, List<FunctionRevision> versions, List<Alias> aliases,
                            Integer reservedConcurrency, List<FunctionUrl> urls,
                            List<ProvisionedConcurrency> provisioned, LastUpdate lastUpdate) {

    public FunctionState {
        versions = List.copyOf(versions);
        aliases = List.copyOf(aliases);
        urls = List.copyOf(urls);
        provisioned = List.copyOf(provisioned);
        if (lastUpdate == null && latest != null) {
            lastUpdate = LastUpdate.successful(latest.createdAt());
        }
    }

    /** A state without provisioned concurrency whose last update succeeded. */
    public FunctionState(FunctionRevision latest, List<FunctionRevision> versions, List<Alias> aliases,
                         Integer reservedConcurrency, List<FunctionUrl> urls) {
        this(latest, versions, aliases, reservedConcurrency, urls, List.of(), null);
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

    public Optional<ProvisionedConcurrency> provisioned(String qualifier) {
        return provisioned.stream().filter(p -> p.qualifier().equals(qualifier)).findFirst();
    }

    public Optional<FunctionUrl> url(String qualifier) {
        return urls.stream().filter(u -> java.util.Objects.equals(u.qualifier(), qualifier)).findFirst();
    }
}
