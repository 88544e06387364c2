package dev.nimbus.core.object;

import java.util.List;

/**
 * What a write requires of the object it replaces, as S3's conditional PutObject states it:
 * {@code If-Match} (the key holds an object with one of these etags, any object for {@code *})
 * and {@code If-None-Match: *} (the key holds no object). The store checks it in the transaction
 * that commits the write, so of two writers racing on one key at most one can find it empty.
 *
 * @param ifMatch     etags without quotes, or {@code *}; empty when the write has no If-Match
 * @param ifNoneMatch whether the write has {@code If-None-Match: *}
 */
public record Precondition(List<String> ifMatch, boolean ifNoneMatch) {
    public static final Precondition NONE = new Precondition(List.of(), false);

    public Precondition {
        ifMatch = List.copyOf(ifMatch);
    }

    /**
     * Null if the write may replace the object with etag {@code current} (null: the key holds
     * none), else why not: {@link StorageException.Reason#NO_SUCH_KEY} for If-Match on an empty
     * key, as S3 answers it, or {@link StorageException.Reason#PRECONDITION_FAILED}.
     */
    public StorageException refusal(String current) {
        if (!ifMatch.isEmpty() && current == null) {
            return new StorageException(StorageException.Reason.NO_SUCH_KEY, "If-Match");
        }
        if (!ifMatch.isEmpty() && !ifMatch.contains("*") && !ifMatch.contains(current)) {
            return new StorageException(StorageException.Reason.PRECONDITION_FAILED, "If-Match");
        }
        if (ifNoneMatch && current != null) {
            return new StorageException(StorageException.Reason.PRECONDITION_FAILED, "If-None-Match");
        }
        return null;
    }
}
