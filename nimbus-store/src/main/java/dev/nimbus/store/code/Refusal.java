package dev.nimbus.store.code;

import dev.nimbus.core.code.InvalidCodeException;

/** Every user-facing reason to refuse a code archive, in one place. Entry names are clipped and escaped. */
final class Refusal {
    private Refusal() {
    }

    static InvalidCodeException tooLarge(long limit) {
        return new InvalidCodeException("code archive is larger than the limit of " + bytes(limit));
    }

    static InvalidCodeException notZip() {
        return new InvalidCodeException("code archive is not a readable zip file");
    }

    static InvalidCodeException tooManyEntries(int limit) {
        return new InvalidCodeException("code archive has more than the limit of " + limit + " entries");
    }

    static InvalidCodeException unpacksTooLarge(long limit) {
        return new InvalidCodeException("code archive unpacks to more than the limit of " + bytes(limit));
    }

    static InvalidCodeException entry(String rawName, String problem) {
        return new InvalidCodeException("code archive entry '" + display(rawName) + "' " + problem);
    }

    static InvalidCodeException underNonDirectory(String rawName, String ancestor) {
        return entry(rawName, "lies under '" + display(ancestor) + "', which is a file or a symlink");
    }

    static InvalidCodeException unreadable(String rawName) {
        return entry(rawName, "cannot be read: the archive is corrupt");
    }

    static String bytes(long n) {
        return n % (1 << 20) == 0 ? n + " bytes (" + (n >> 20) + " MiB)" : n + " bytes";
    }

    /** At most 100 characters, control characters shown as '?', so a name cannot forge log lines. */
    static String display(String name) {
        String clipped = name.length() <= 100 ? name : name.substring(0, 100) + "...";
        StringBuilder out = new StringBuilder(clipped.length());
        clipped.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
