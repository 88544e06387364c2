package dev.nimbus.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secret values with AES-256-GCM under the master key: a fresh random 96-bit
 * nonce per value, a 128-bit tag, and the secret's name as associated data, so that a ciphertext
 * copied under another name does not open. The master key lives outside the database: given in
 * the configuration, or in a key file (created, readable by the server's user only, on first use).
 *
 * <p>Threading: thread-safe.
 */
public final class SecretBox {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box with the key given as base64 (as in configuration). */
    public static SecretBox ofBase64(String key) {
        try {
            return new SecretBox(Base64.getDecoder().decode(key.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes in base64: "
                    + e.getMessage());
        }
    }

    /** A box with the key in {@code file} (base64), which is created with a new random key if it does not exist. */
    public static SecretBox ofFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
        }
        return ofBase64(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public SecretStore.Sealed seal(String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, name, nonce);
            return new SecretStore.Sealed(nonce, cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The value, or an exception if it was not sealed under this key and name (or was altered). */
    public String open(String name, SecretStore.Sealed sealed) {
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, name, sealed.nonce()).doFinal(sealed.ciphertext()),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + name + " cannot be opened with the master key in use"
                    + " (another key, or altered data)");
        }
    }

    private Cipher cipher(int mode, String name, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
