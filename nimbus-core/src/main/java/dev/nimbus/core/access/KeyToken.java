package dev.nimbus.core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as its holder has it: {@code <id>.<secret>}, e.g.
 * {@code NKQ3VJ7TXZL2MBWE5RKA.kJ8m...} (20 + 1 + 43 characters). The id ({@code NK} and 18
 * base32 characters) is public, like an AWS access key id; the secret is 256 random bits in
 * base64url (43 characters). With SigV4 the id is the access key id and the secret the secret
 * access key. Only {@link #secretSha256()} and a sealed copy of the secret are ever stored.
 *
 * @param id     the public id
 * @param secret the secret; never logged ({@link #toString} hides it)
 */
public record KeyToken(String id, String secret) {
    /** A key id: {@code NK} and 18 characters of the RFC 4648 base32 alphabet. */
    public static final Pattern ID_PATTERN = Pattern.compile("NK[A-Z2-7]{18}");
    /** A secret: at least 43 base64url characters (256 bits when random), at most 128. */
    private static final Pattern SECRET_PATTERN = Pattern.compile("[A-Za-z0-9_-]{43,128}");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int SECRET_BYTES = 32;
    private static final int MAX_TOKEN = 20 + 1 + 128;

    public KeyToken {
        if (!ID_PATTERN.matcher(id).matches() || !SECRET_PATTERN.matcher(secret).matches()) {
            throw new IllegalArgumentException("an API key is NK, 18 base32 characters, '.', and a secret of"
                    + " 43-128 base64url characters");
        }
    }

    /** A new key: 90 random bits of id, 256 of secret. */
    public static KeyToken generate(SecureRandom random) {
        var id = new StringBuilder("NK");
        for (int i = 0; i < 18; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new KeyToken(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code text} ({@code <id>.<secret>}), if it has that form; never throws. */
    public static Optional<KeyToken> parse(String text) {
        if (text == null || text.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String id = text.substring(0, dot);
        String secret = text.substring(dot + 1);
        if (!ID_PATTERN.matcher(id).matches() || !SECRET_PATTERN.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new KeyToken(id, secret));
    }

    /** The lower-case hex SHA-256 of the secret, as stored. */
    public String secretSha256() {
        return sha256Hex(secret);
    }

    /** Whether this key's secret hashes to {@code storedSha256}, compared in constant time. */
    public boolean matches(String storedSha256) {
        return MessageDigest.isEqual(secretSha256().getBytes(StandardCharsets.US_ASCII),
                storedSha256.getBytes(StandardCharsets.US_ASCII));
    }

    /** The associated data the secret of key {@code id} is sealed under, so a sealed secret does not open as another's. */
    public static String sealName(String id) {
        return "api-key/" + id;
    }

    /** The key as its holder sends it: {@code <id>.<secret>}. */
    public String text() {
        return id + "." + secret;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "KeyToken[id=" + id + "]";
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
