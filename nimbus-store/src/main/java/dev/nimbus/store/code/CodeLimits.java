package dev.nimbus.store.code;

/**
 * Bounds on an accepted code archive, checked while it is read and again while it is unpacked.
 *
 * @param maxArchiveBytes  size of the zip itself (default 50 MiB, as Lambda's direct upload)
 * @param maxUnpackedBytes bytes actually written when unpacking, not the sizes the headers claim
 *                         (default 250 MiB, as Lambda)
 * @param maxEntries       files, directories and symlinks in the archive (default 10,000)
 */
public record CodeLimits(long maxArchiveBytes, long maxUnpackedBytes, int maxEntries) {
    public static final CodeLimits DEFAULT = new CodeLimits(52_428_800L, 262_144_000L, 10_000);

    public CodeLimits {
        if (maxArchiveBytes < 1 || maxArchiveBytes > 1L << 40) {
            throw new IllegalArgumentException("maxArchiveBytes must be between 1 and 2^40, was " + maxArchiveBytes);
        }
        if (maxUnpackedBytes < 1 || maxUnpackedBytes > 1L << 40) {
            throw new IllegalArgumentException("maxUnpackedBytes must be between 1 and 2^40, was " + maxUnpackedBytes);
        }
        if (maxEntries < 1 || maxEntries > 1_000_000) {
            throw new IllegalArgumentException("maxEntries must be between 1 and 1000000, was " + maxEntries);
        }
    }
}
