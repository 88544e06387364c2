package dev.nimbus.store.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Path rules for archive entries, applied lexically to the names in the archive (never by asking
 * the file system, which may already hold something an attacker placed).
 */
final class EntryNames {
    /** Symlink hops allowed while resolving one target, as Linux's MAXSYMLINKS. */
    static final int MAX_HOPS = 40;

    private EntryNames() {
    }

    /**
     * The entry's path relative to the archive root with {@code .}, {@code ..} and repeated slashes
     * resolved, e.g. {@code a/./b//../c/} becomes {@code a/c}; empty for the root itself.
     *
     * @throws dev.nimbus.core.code.InvalidCodeException if the name is absolute, contains a
     *         backslash or NUL, or climbs above the root
     */
    static String normalize(String raw) {
        if (raw.isEmpty() || raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
            throw Refusal.entry(raw, "has an empty name or contains a backslash or NUL character");
        }
        if (isAbsolute(raw)) {
            throw Refusal.entry(raw, "has an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw Refusal.entry(raw, "escapes the archive root");
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    static boolean isAbsolute(String name) {
        return name.startsWith("/") || name.startsWith("\\")
                || (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)));
    }

    /** The proper ancestors of a normalised path, e.g. {@code a/b/c} has {@code a} and {@code a/b}. */
    static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i));
        }
        return out;
    }

    /**
     * Whether the symlink at {@code link} resolves inside the archive root, following the other
     * symlinks of the archive the way the kernel will once they are on disk. Lexical normalisation
     * alone is not enough: with {@code a -> .}, the target {@code a/..} looks like the root but is
     * its parent.
     *
     * @param links every symlink of the archive: normalised path to raw target
     */
    static boolean staysInside(String link, Map<String, String> links) {
        if (isAbsolute(links.get(link))) {
            return false;
        }
        Deque<String> current = new ArrayDeque<>(List.of(link.split("/")));
        current.removeLast();
        Deque<String> todo = new ArrayDeque<>(List.of(links.get(link).split("/")));
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals("..")) {
                if (current.isEmpty()) {
                    return false;
                }
                current.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                current.addLast(part);
                String target = links.get(String.join("/", current));
                if (target != null) {
                    if (++hops > MAX_HOPS || isAbsolute(target)) {
                        return false;
                    }
                    current.removeLast();
                    List.of(target.split("/")).reversed().forEach(todo::addFirst);
                }
            }
        }
        return true;
    }
}
