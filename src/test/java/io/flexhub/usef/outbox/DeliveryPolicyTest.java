package io.flexhub.usef.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofHours(2));
    private final Instant queued = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void should_end_delivery_when_peer_answers_200() {
        assertThat(policy.decide(200, 0, queued, queued)).isInstanceOf(DeliveryPolicy.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 404, 408, 429, 302, 524})
    void should_retry_when_failure_is_temporary(int status) {
        assertThat(policy.decide(status, 0, queued, queued))
                .isEqualTo(new DeliveryPolicy.RetryAt(queued.plusSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 411, 413})
    void should_give_up_at_once_when_peer_refuses_permanently(int status) {
        assertThat(policy.decide(status, 0, queued, queued))
                .isEqualTo(new DeliveryPolicy.GiveUp("permanent HTTP " + status));
    }

    @Test
    void should_double_the_delay_per_attempt_up_to_the_cap() {
        assertThat(policy.decide(null, 3, queued, queued)).isEqualTo(new DeliveryPolicy.RetryAt(queued.plusSeconds(40)));
        assertThat(policy.decide(null, 12, queued, queued)).isEqualTo(new DeliveryPolicy.RetryAt(queued.plus(Duration.ofMinutes(10))));
        assertThat(policy.decide(null, 500, queued, queued)).isEqualTo(new DeliveryPolicy.RetryAt(queued.plus(Duration.ofMinutes(10))));
    }

    @Test
    void should_keep_retrying_for_at_least_an_hour_before_giving_up() {
        Instant oneHourLater = queued.plus(Duration.ofMinutes(61));
        assertThat(policy.decide(503, 15, queued, oneHourLater)).isInstanceOf(DeliveryPolicy.RetryAt.class);
        Instant late = queued.plus(Duration.ofMinutes(115));
        assertThat(policy.decide(503, 25, queued, late)).isInstanceOf(DeliveryPolicy.GiveUp.class);
    }
}
