package io.flexhub.common;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one way text enters the hub, HTTP bodies and definition files alike: UTF-8 and nothing else. A decoder
 * that replaced bad bytes would store what the sender never wrote, one that threw a plain I/O error would end
 * in a 500; this one names what the bytes are instead (a UTF-16 or UTF-32 byte order mark, a NUL byte, the
 * offset of the first malformed sequence), so that the sender knows what to fix. A UTF-8 byte order mark is
 * UTF-8 and passes.
 */
public final class StrictText {

    private StrictText() {
    }

    /**
     * @param what how to name the input in the message, e.g. {@code "body"}
     * @return the decoded text
     * @throws IllegalArgumentException naming the problem and where it is
     */
    public static String utf8(byte[] bytes, String what) {
        String mark = foreignByteOrderMark(bytes);
        if (mark != null) {
            throw new IllegalArgumentException(what + " starts with a " + mark + " byte order mark: it must be UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IllegalArgumentException(what + " has a NUL byte at offset " + i
                        + " (UTF-16 or binary data?): it must be UTF-8 text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never takes more chars than bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException(what + " is not valid UTF-8: malformed byte sequence at offset "
                    + in.position());
        }
        return out.flip().toString();
    }

    /** Checked before the NUL scan, since UTF-16 and UTF-32 marks contain or precede NUL bytes. */
    private static String foreignByteOrderMark(byte[] b) {
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return "UTF-32BE";
        }
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32LE";
        }
        if (starts(b, 0xFE, 0xFF)) {
            return "UTF-16BE";
        }
        if (starts(b, 0xFF, 0xFE)) {
            return "UTF-16LE";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
