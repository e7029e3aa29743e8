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
        return of(payloadXml.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of the payload's UTF-8 bytes, as received or as signed. */
    public static String of(byte[] payloadXml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payloadXml));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM must provide SHA-256", e);
        }
    }
}
