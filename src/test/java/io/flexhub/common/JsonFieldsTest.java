package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_read_values_of_the_right_type_and_defaults_for_absent_or_null() throws Exception {
        JsonNode doc = JSON.readTree("{\"n\": 96, \"f\": 2.5, \"t\": \"x\", \"b\": false, \"z\": null, \"w\": 96.0}");

        assertThat(JsonFields.integer(doc, "n", 1, "")).isEqualTo(96);
        assertThat(JsonFields.integer(doc, "w", 1, "")).isEqualTo(96);
        assertThat(JsonFields.number(doc, "f", 0, "")).isEqualTo(2.5);
        assertThat(JsonFields.text(doc, "t", "-", "")).isEqualTo("x");
        assertThat(JsonFields.bool(doc, "b", true, "")).isFalse();
        assertThat(JsonFields.number(doc, "z", 7.0, "")).isEqualTo(7.0);
        assertThat(JsonFields.integer(doc, "missing", 3, "")).isEqualTo(3);
    }

    @Test
    void should_refuse_values_of_another_type_instead_of_coercing_them() throws Exception {
        JsonNode doc = JSON.readTree("{\"n\": \"96\", \"f\": \"x\", \"i\": 1.5, \"t\": 5, \"b\": \"yes\", "
                + "\"big\": 1e999, \"huge\": 12345678901}");

        assertThatThrownBy(() -> JsonFields.integer(doc, "n", 1, "root "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("root n must be a whole number, got \"96\"");
        assertThatThrownBy(() -> JsonFields.number(doc, "f", 0, "")).hasMessage("f must be a finite number, got \"x\"");
        assertThatThrownBy(() -> JsonFields.integer(doc, "i", 0, "")).hasMessage("i must be a whole number, got 1.5");
        assertThatThrownBy(() -> JsonFields.integer(doc, "huge", 0, "")).hasMessageStartingWith("huge must be a whole");
        assertThatThrownBy(() -> JsonFields.text(doc, "t", "", "")).hasMessage("t must be a string, got 5");
        assertThatThrownBy(() -> JsonFields.bool(doc, "b", true, "")).hasMessage("b must be true or false, got \"yes\"");
        assertThatThrownBy(() -> JsonFields.number(doc, "big", 0, "")).hasMessageStartingWith("big must be a finite");
        assertThatThrownBy(() -> JsonFields.array(doc.get("t"), "list")).hasMessage("list must be an array, got 5");
    }
}
