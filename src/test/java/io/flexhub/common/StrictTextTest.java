package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictTextTest {

    @Test
    void should_decode_utf8_and_keep_a_utf8_byte_order_mark() {
        assertThat(StrictText.utf8("caf\u00e9 \u20ac \uD83D\uDE00".getBytes(StandardCharsets.UTF_8), "body"))
                .isEqualTo("caf\u00e9 \u20ac \uD83D\uDE00");
        assertThat(StrictText.utf8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'}, "body")).isEqualTo("\uFEFFx");
        assertThat(StrictText.utf8(new byte[0], "body")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "FEFF003C, UTF-16BE byte order mark",
        "FFFE3C00, UTF-16LE byte order mark",
        "0000FEFF0000003C, UTF-32BE byte order mark",
        "FFFE00003C000000, UTF-32LE byte order mark",
    })
    void should_name_a_foreign_byte_order_mark(String hex, String named) {
        assertThatThrownBy(() -> StrictText.utf8(bytes(hex), "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("body starts with a " + named + ": it must be UTF-8");
    }

    @Test
    void should_name_a_nul_byte_with_its_offset_as_utf16_without_byte_order_mark_has() {
        assertThatThrownBy(() -> StrictText.utf8("<a/>".getBytes(StandardCharsets.UTF_16LE), "file"))
                .hasMessage("file has a NUL byte at offset 1 (UTF-16 or binary data?): it must be UTF-8 text");
    }

    @ParameterizedTest
    @CsvSource({
        "41C328, 1",       // a lead byte followed by ASCII
        "4142E9, 2",       // Latin-1 e-acute
        "C0AF, 0",         // overlong '/'
        "EDA080, 0",       // an encoded surrogate (CESU-8)
        "F4908080, 0",     // above U+10FFFF
        "41E282, 1",       // truncated at the end
    })
    void should_give_the_offset_of_the_first_malformed_sequence(String hex, int offset) {
        assertThatThrownBy(() -> StrictText.utf8(bytes(hex), "body"))
                .hasMessage("body is not valid UTF-8: malformed byte sequence at offset " + offset);
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
