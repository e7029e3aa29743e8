package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(10));

    @Test
    void should_wait_the_first_delay_then_double_it_up_to_the_cap() {
        assertThat(backoff.after(0)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(600));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMillis(4800));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMillis(9600));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(1_000)).as("no overflow").isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void should_cap_a_first_delay_above_the_cap_and_keep_zero_at_zero() {
        assertThat(new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1)).after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(new Backoff(Duration.ZERO, Duration.ofMinutes(1)).after(7)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(Duration.ofMillis(1), Duration.ofDays(3650)).after(30))
                .isEqualTo(Duration.ofMillis(1L << 29));
    }

    @Test
    void should_refuse_a_negative_or_missing_delay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
