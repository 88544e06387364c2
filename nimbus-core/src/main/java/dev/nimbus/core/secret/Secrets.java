package dev.nimbus.core.secret;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets by name: stored sealed, opened only to start an instance. A function uses one by an
 * environment variable whose whole value is a reference: {@code ${secret:NAME}} puts the value in
 * the variable, {@code ${secretfile:NAME}} in a read-only file of the instance, the variable
 * holding its path ({@link #FILES}{@code /NAME}). The API and the stored configuration keep the
 * reference; only the instance holds the value.
 *
 * <p>Threading: thread-safe.
 */
public final class Secrets {
    /** Largest value. */
    public static final int MAX_VALUE_BYTES = 32 * 1024;
    private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{secret(file)?:([A-Za-z0-9._-]{1,64})}");
    /** Where an instance finds the secrets it gets as files. */
    public static final String FILES = "/run/secrets";

    private final SecretStore store;
    private final SecretBox box;

    public Secrets(SecretStore store, SecretBox box) {
        this.store = store;
        this.box = box;
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The secret an environment value refers to, if it is a reference (as a value or as a file). */
    public static Optional<String> reference(String value) {
        Matcher m = REFERENCE.matcher(value);
        return m.matches() && isName(m.group(2)) ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** Whether an environment value refers to a secret given as a file. */
    public static boolean isFileReference(String value) {
        return reference(value).isPresent() && value.startsWith("${secretfile:");
    }

    /** The secrets an environment refers to. */
    public static Set<String> references(Map<String, String> environment) {
        var names = new LinkedHashSet<String>();
        environment.values().forEach(v -> reference(v).ifPresent(names::add));
        return names;
    }

    /** Creates or replaces; true if it was created. */
    public boolean put(String name, String value, Instant at) {
        return store.put(name, box.seal(name, value), at);
    }

    /** The value, for an instance's environment only. */
    public Optional<String> reveal(String name) {
        return store.sealed(name).map(s -> box.open(name, s));
    }

    public boolean exists(String name) {
        return store.get(name).isPresent();
    }

    public Optional<Secret> get(String name) {
        return store.get(name);
    }

    public List<Secret> list() {
        return store.list();
    }

    public boolean delete(String name) {
        return store.delete(name);
    }
}
