package dev.nimbus.core.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * An S3 flexible checksum ({@code x-amz-checksum-<algorithm>}: base64 of the big-endian value)
 * computed over a body as it is read: CRC32, CRC32C, CRC64NVME, SHA-1 or SHA-256.
 */
final class Checksum {
    static final String HEADER_PREFIX = "x-amz-checksum-";

    private final String algorithm;
    private final java.util.zip.Checksum crc;
    private final int crcBytes;
    private final MessageDigest digest;

    private Checksum(String algorithm, java.util.zip.Checksum crc, int crcBytes, MessageDigest digest) {
        this.algorithm = algorithm;
        this.crc = crc;
        this.crcBytes = crcBytes;
        this.digest = digest;
    }

    /** The checksum a header names, e.g. {@code x-amz-checksum-crc32}; null if it is not one of these. */
    static Checksum forHeader(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        if (!name.startsWith(HEADER_PREFIX)) {
            return null;
        }
        String algorithm = name.substring(HEADER_PREFIX.length());
        return switch (algorithm) {
            case "crc32" -> new Checksum(algorithm, new CRC32(), 4, null);
            case "crc32c" -> new Checksum(algorithm, new CRC32C(), 4, null);
            case "crc64nvme" -> new Checksum(algorithm, new Crc64Nvme(), 8, null);
            case "sha1" -> new Checksum(algorithm, null, 0, digest("SHA-1"));
            case "sha256" -> new Checksum(algorithm, null, 0, digest("SHA-256"));
            default -> null;
        };
    }

    String algorithm() {
        return algorithm;
    }

    void update(byte[] bytes, int offset, int length) {
        if (crc != null) {
            crc.update(bytes, offset, length);
        } else {
            digest.update(bytes, offset, length);
        }
    }

    /** The value as S3 sends it: base64 of the big-endian bytes. */
    String base64() {
        byte[] value = crc == null ? digest.digest()
                : ByteBuffer.allocate(8).putLong(crc.getValue()).array();
        if (crc != null) {
            value = Arrays.copyOfRange(value, 8 - crcBytes, 8);
        }
        return Base64.getEncoder().encodeToString(value);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + name, e);
        }
    }

    /**
     * CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final XOR all ones;
     * "123456789" gives 0xae8b14860a799888.
     */
    static final class Crc64Nvme implements java.util.zip.Checksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
                }
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        @Override
        public void update(int b) {
            crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                update(bytes[i]);
            }
        }

        @Override
        public long getValue() {
            return ~crc;
        }

        @Override
        public void reset() {
            crc = -1L;
        }
    }
}
