package io.flexhub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

    @Test
    void should_deliver_only_when_enabled_and_a_host_is_set() {
        assertThat(properties(true, "smtp.example.org", Map.of()).deliveryActive()).isTrue();
        assertThat(properties(true, " ", Map.of()).deliveryActive()).isFalse();
        assertThat(properties(true, null, Map.of()).deliveryActive()).isFalse();
        assertThat(properties(false, "smtp.example.org", Map.of()).deliveryActive()).isFalse();
    }

    @Test
    void should_give_a_category_its_own_recipients_or_else_the_defaults() {
        NotifyProperties p = properties(true, "h", Map.of("dr-status", List.of(" dr@example.org ", ""),
                "probe", Arrays.asList("", null)));
        assertThat(p.recipientsOf("dr-status")).containsExactly("dr@example.org");
        assertThat(p.recipientsOf("probe")).containsExactly("ops@example.org");
        assertThat(p.recipientsOf("alert")).containsExactly("ops@example.org");
    }

    @Test
    void should_refuse_a_malformed_address_naming_where_it_came_from() {
        assertThat(MailNotifications.addresses(List.of(" a@example.org", "", "b@example.org "), "to"))
                .containsExactly("a@example.org", "b@example.org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        MailNotifications.addresses(List.of("ops@"), "flexhub.notify.default-recipients"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("flexhub.notify.default-recipients: 'ops@' is not an email address");
    }

    private static NotifyProperties properties(boolean enabled, String host, Map<String, List<String>> recipients) {
        return new NotifyProperties(enabled,
                new NotifyProperties.Smtp(host, 25, null, null, false, false, "hub@example.org", Duration.ofSeconds(5)),
                Arrays.asList("ops@example.org", " "), recipients, ZoneOffset.UTC, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofHours(1), Duration.ofMinutes(1));
    }
}
