package io.flexhub.usef.crypto;

import java.math.BigInteger;
import java.security.spec.EdECPoint;

/**
 * RFC 8032 point encoding: 32 bytes, little-endian y, the top bit of the last byte is the parity of x. Also the
 * point checks libsodium's {@code crypto_sign_verify_detached} makes and the JDK does not (non-canonical y and
 * points of small order), so that a key or signature libsodium refuses is refused here too.
 */
final class Ed25519Encoding {

    static final int LENGTH = 32;

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    // libsodium ge25519_has_small_order(): y of the 8-torsion points, compared with the x-parity bit masked.
    // 0 (order 4), 1 (order 1), two y of order 8, p-1 (order 2), and the non-canonical p and p+1.
    private static final byte[][] SMALL_ORDER = {
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private Ed25519Encoding() {
    }

    static EdECPoint decode(byte[] encoded) {
        byte[] bigEndian = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[i] = encoded[LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    }

    static byte[] encode(EdECPoint point) {
        byte[] bigEndian = point.getY().toByteArray();
        byte[] encoded = new byte[LENGTH];
        // toByteArray() is minimal big-endian two's complement: reverse it, dropping a leading sign byte.
        for (int i = 0; i < Math.min(LENGTH, bigEndian.length); i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            encoded[LENGTH - 1] |= (byte) 0x80;
        }
        return encoded;
    }

    /** y &lt; p, as libsodium's {@code ge25519_is_canonical}. */
    static boolean isCanonical(byte[] encoded) {
        return decode(encoded).getY().compareTo(P) < 0;
    }

    static boolean hasSmallOrder(byte[] encoded) {
        for (byte[] candidate : SMALL_ORDER) {
            if (equalsIgnoringParity(candidate, encoded)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoringParity(byte[] a, byte[] b) {
        int diff = (a[LENGTH - 1] ^ b[LENGTH - 1]) & 0x7f;
        for (int i = 0; i < LENGTH - 1; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
