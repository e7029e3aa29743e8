package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"x\"", "42", " {\"a\": [1, 2.5e3, {\"b\": null}]}\n", "[[[[1]]]]"})
    void should_pass_a_single_well_formed_value(String json) {
        assertThatCode(() -> StrictJson.check(json, "Body")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": ", "[1, 2", "{a: 1}", "", "nul"})
    void should_leave_syntax_errors_to_the_reader_of_the_document(String json) {
        assertThatCode(() -> StrictJson.check(json, "Body")).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_a_key_given_twice_at_any_depth() {
        assertThatThrownBy(() -> StrictJson.check("{\"a\": {\"b\": 1, \"b\": 2}}", "Body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Body is not valid JSON: duplicate key 'b' at line 1, column 19");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "[1] 2", "{\"a\": 1} x", "\"a\" \"b\""})
    void should_refuse_what_follows_the_value(String json) {
        assertThatThrownBy(() -> StrictJson.check(json, "Body")).hasMessageStartingWith(
                "Body is not valid JSON: more follows the JSON value at line 1, column ");
    }

    @Test
    void should_refuse_nesting_deeper_than_the_limit() {
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);

        assertThatCode(() -> StrictJson.check(ok, "Body")).doesNotThrowAnyException();
        assertThatThrownBy(() -> StrictJson.check(deep, "Body")).hasMessageStartingWith(
                "Body is not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64)");
    }

    @Test
    void should_refuse_a_number_longer_than_the_limit() {
        assertThatCode(() -> StrictJson.check("[0." + "1".repeat(90) + "]", "Body")).doesNotThrowAnyException();
        assertThatThrownBy(() -> StrictJson.check("[1" + "0".repeat(500) + "]", "Body")).hasMessageStartingWith(
                "Body is not valid JSON: Number value length (501) exceeds the maximum allowed (100)");
    }

    @Test
    void should_read_a_file_strictly_syntax_errors_included() {
        assertThat(StrictJson.read("{\"a\": [1]}".getBytes(StandardCharsets.UTF_8), "file").at("/a/0").asInt())
                .isEqualTo(1);
        assertThatThrownBy(() -> StrictJson.read("{\"a\": ".getBytes(StandardCharsets.UTF_8), "file"))
                .hasMessageStartingWith("file is not valid JSON: Unexpected end-of-input");
        assertThatThrownBy(() -> StrictJson.read("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8), "file"))
                .hasMessageStartingWith("file is not valid JSON: duplicate key 'a'");
        assertThatThrownBy(() -> StrictJson.read("{}".getBytes(StandardCharsets.UTF_16), "file"))
                .hasMessage("file starts with a UTF-16BE byte order mark: it must be UTF-8");
    }
}
