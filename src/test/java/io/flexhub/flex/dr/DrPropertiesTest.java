package io.flexhub.flex.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DrPropertiesTest {

    private static DrProperties withIsp(Duration isp) {
        return new DrProperties("ean.1", isp, ZoneId.of("Europe/Amsterdam"), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), new DrProperties.Retry(Duration.ofSeconds(5),
                        Duration.ofMinutes(1), 3, 20));
    }

    @Test
    void accepts_isps_of_whole_minutes() {
        assertThat(withIsp(Duration.ofMinutes(15)).ispDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(withIsp(Duration.ofMinutes(1)).ispDuration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refuses_at_start_up_an_isp_the_flexibility_lp_cannot_count() {
        assertThatThrownBy(() -> withIsp(Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flexhub.dr.isp-duration must be a whole number of minutes, got PT5S");
        assertThatThrownBy(() -> withIsp(Duration.ofSeconds(90))).hasMessageEndingWith("got PT1M30S");
        assertThatThrownBy(() -> withIsp(Duration.ZERO)).hasMessageEndingWith("got PT0S");
    }
}
