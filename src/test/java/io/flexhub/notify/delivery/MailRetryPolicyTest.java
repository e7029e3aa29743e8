package io.flexhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MailRetryPolicyTest {

    private static final Instant QUEUED = Instant.parse("2026-03-01T10:00:00Z");
    private final MailRetryPolicy policy = new MailRetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 6,
            Duration.ofHours(1));

    @Test
    void should_double_the_delay_per_attempt_up_to_the_cap() {
        Instant now = QUEUED.plusSeconds(1);
        assertThat(policy.nextAttempt(0, QUEUED, now)).contains(now.plusSeconds(30));
        assertThat(policy.nextAttempt(1, QUEUED, now)).contains(now.plusSeconds(60));
        assertThat(policy.nextAttempt(3, QUEUED, now)).contains(now.plusSeconds(240));
        assertThat(policy.nextAttempt(4, QUEUED, now)).contains(now.plusSeconds(300));
    }

    @Test
    void should_give_up_when_the_attempt_that_failed_was_the_last_allowed() {
        assertThat(policy.nextAttempt(5, QUEUED, QUEUED.plusSeconds(10))).isEmpty();
        assertThat(policy.giveUpReason(5, QUEUED)).isEqualTo("6 attempts failed");
    }

    @Test
    void should_give_up_when_the_next_attempt_would_fall_after_the_give_up_time() {
        Instant late = QUEUED.plus(Duration.ofMinutes(59)).plusSeconds(30);
        assertThat(policy.nextAttempt(1, QUEUED, late)).isEmpty();
        assertThat(policy.nextAttempt(1, QUEUED, QUEUED.plus(Duration.ofMinutes(50)))).isPresent();
        assertThat(policy.giveUpReason(1, QUEUED)).contains("PT1H").contains("2 attempts");
    }

    @Test
    void should_cap_huge_exponents_instead_of_overflowing() {
        MailRetryPolicy many = new MailRetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), 1000,
                Duration.ofDays(365));
        assertThat(many.backoff(63)).isEqualTo(Duration.ofMinutes(10));
        assertThat(many.backoff(200)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void should_refuse_a_budget_of_no_attempts() {
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }
}
