package dev.nimbus.core.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Content-addressed store of code archives. Implementations are thread-safe. */
public interface CodeStore {

    /**
     * Stores a zip archive after checking it (a readable zip, no entry escaping its root, within the
     * size limits). Storing the same bytes twice keeps one copy.
     *
     * @throws InvalidCodeException if the archive is not acceptable; the message says why
     */
    StoredCode put(InputStream zip) throws IOException;

    /** The stored archive with this hash, if any. */
    Optional<StoredCode> find(String sha256);

    /**
     * Opens the stored archive with this hash for reading, e.g. to let a client download it; the
     * caller closes the stream. Empty if no archive has this hash.
     */
    Optional<InputStream> open(String sha256) throws IOException;

    /** The directory holding the unpacked archive; unpacks it on first use. */
    Path unpacked(String sha256) throws IOException;

    /** A stored archive. */
    record StoredCode(String sha256, long size) {
    }
}
