package dev.nimbus.store.code;

import dev.nimbus.core.code.CodeStore;
import java.io.IOException;
import java.nio.file.Path;

/** Creates code stores. */
public final class CodeStores {
    private CodeStores() {
    }

    /** The code store under {@code <dataDir>/code/} with the default {@link CodeLimits}. */
    public static CodeStore onDisk(Path dataDir) throws IOException {
        return onDisk(dataDir, CodeLimits.DEFAULT);
    }

    /**
     * The code store under {@code <dataDir>/code/}, creating its directories and removing uploads
     * and unpacked trees that a crashed process left unfinished.
     */
    public static CodeStore onDisk(Path dataDir, CodeLimits limits) throws IOException {
        return DiskCodeStore.open(dataDir.resolve("code"), limits, UnpackedTrees.currentBootId());
    }
}
