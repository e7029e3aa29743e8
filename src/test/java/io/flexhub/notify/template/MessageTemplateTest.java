package io.flexhub.notify.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    private static final Instant AT = Instant.parse("2026-07-01T07:15:42.123Z");

    @Test
    void should_render_the_demand_request_subject_and_body_of_the_operators_mails() {
        Map<String, Object> values = MessageTemplate.valuesAt(AT, ZoneId.of("Europe/Amsterdam"));
        values.put("status", "Accepted");
        values.put("demand", List.of(0.0, 0, 0.5, -1.3));

        assertThat(MessageTemplate.render("Demand/Request / request status $status - $TIME", values))
                .isEqualTo("Demand/Request / request status Accepted - 2026-07-01T09:15:42");
        assertThat(MessageTemplate.render("Demand: $demand", values)).isEqualTo("Demand: [0, 0, 0.5, -1.3]");
    }

    @Test
    void should_take_time_in_the_given_zone_to_the_second() {
        assertThat(MessageTemplate.time(AT, ZoneOffset.UTC)).isEqualTo("2026-07-01T07:15:42");
        assertThat(MessageTemplate.time(Instant.parse("2026-12-31T23:30:00Z"), ZoneId.of("Europe/Madrid")))
                .isEqualTo("2027-01-01T00:30:00");
    }

    @Test
    void should_use_braces_when_letters_follow_and_stop_a_plain_name_at_the_first_other_character() {
        Map<String, Object> values = Map.of("device", "heat pump", "n", 3, "site_id", "urn:site:1");
        assertThat(MessageTemplate.render("${n} ${device}s at $site_id.", values))
                .isEqualTo("3 heat pumps at urn:site:1.");
        assertThat(MessageTemplate.render("$device-2", values)).isEqualTo("heat pump-2");
    }

    @Test
    void should_leave_unknown_placeholders_visible_and_read_double_dollar_as_a_dollar() {
        Map<String, Object> values = Map.of("price", new BigDecimal("12.50"));
        assertThat(MessageTemplate.render("$$$price for $nothing and ${missing} ${ bad} $", values))
                .isEqualTo("$12.5 for $nothing and ${missing} ${ bad} $");
    }

    @Test
    void should_format_numbers_without_trailing_zeros_and_null_as_empty() {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("a", 5.0);
        values.put("b", -0.0);
        values.put("c", 1e-7);
        values.put("d", null);
        values.put("e", new double[] {1.5, 2});
        values.put("f", Double.NaN);
        assertThat(MessageTemplate.render("$a|$b|$c|$d|$e|$f", values)).isEqualTo("5|0|0.0000001||[1.5, 2]|NaN");
    }

    @Test
    void should_keep_non_ascii_text_and_values() {
        Map<String, Object> values = Map.of("site", "Añorbe – Überlandstraße 3", "w", "€");
        assertThat(MessageTemplate.of("Standort $site: ${w}/kWh ✓").render(values))
                .isEqualTo("Standort Añorbe – Überlandstraße 3: €/kWh ✓");
    }
}
