package io.flexhub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Salted SHA-256 with a constant-time comparison.
 * <p>
 * The only credential is the admin password, which arrives in clear from the environment and lives in
 * memory; a deliberately slow hash (BCrypt) protects nothing here but would cost tens of milliseconds on
 * every stateless Basic-authenticated API call and cap the admin API at a few dozen requests per second.
 */
final class FastPasswordEncoder implements PasswordEncoder {

    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String encode(CharSequence rawPassword) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return HEX.formatHex(salt) + ":" + HEX.formatHex(digest(salt, rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        int colon = encodedPassword == null ? -1 : encodedPassword.indexOf(':');
        if (rawPassword == null || colon < 0) {
            return false;
        }
        byte[] salt = HEX.parseHex(encodedPassword, 0, colon);
        byte[] expected = HEX.parseHex(encodedPassword, colon + 1, encodedPassword.length());
        return MessageDigest.isEqual(expected, digest(salt, rawPassword));
    }

    private static byte[] digest(byte[] salt, CharSequence raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
