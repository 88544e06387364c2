package dev.nimbus.events.bus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens that let a function's instances publish as that function: {@code name.signature},
 * the signature an HMAC-SHA256 of {@code namespace/name} under a key kept in the data directory
 * (created at first start, readable by the server's user only), so tokens stay valid across
 * restarts and every node sharing the directory accepts them, but a token made for a function of
 * one namespace is worth nothing once the name belongs to another.
 *
 * <p>Threading: immutable; a {@link Mac} per call.
 */
public final class PublishTokens {
    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] key;

    private PublishTokens(byte[] key) {
        this.key = key;
    }

    /** The key in {@code keyFile}, created (32 random bytes, mode 600) if missing. */
    public static PublishTokens load(Path keyFile) throws IOException {
        keyFile = keyFile.toAbsolutePath();
        if (!Files.exists(keyFile)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path temp = Files.createTempFile(keyFile.getParent(), "events-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, fresh);
            try {
                Files.move(temp, keyFile); // never over a key another server made meanwhile
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.delete(temp);
            }
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length < 32) {
            throw new IOException(keyFile + " is too short to be a key; delete it to make a new one");
        }
        return new PublishTokens(key);
    }

    /** The token of {@code function}, of namespace {@code namespace}. */
    public String token(String namespace, String function) {
        return function + "." + sign(namespace + "/" + function);
    }

    /** The function a token names, if its signature is right for the namespace {@code namespaceOf} says owns it now. */
    public Optional<String> verify(String token, Function<String, String> namespaceOf) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 200) {
            return Optional.empty();
        }
        String function = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(namespaceOf.apply(function) + "/" + function).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? Optional.of(function) : Optional.empty();
    }

    private String sign(String function) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(function.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
