package io.flexhub.usef.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a payload's XML, to tell an identical retransmission (Already Submitted) from a reused MessageID
 * with other content (Duplicate Identifier) without keeping both texts around.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    public static String of(String payloadXml) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(payloadXml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM must provide SHA-256", e);
        }
    }
}
