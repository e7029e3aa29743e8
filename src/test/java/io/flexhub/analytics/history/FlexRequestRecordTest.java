package io.flexhub.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;

class FlexRequestRecordTest {

    private static final String CP = "ean.871685900012636543";
    private static final Instant SENT = Instant.parse("2025-10-25T12:00:00Z");

    @Test
    void should_expand_isp_elements_and_count_the_isps_of_the_period_in_its_zone() {
        FlexRequest request = HistoryFixtures.request(CP, LocalDate.of(2025, 10, 26), 4, SENT, 70, 73, 5_000, true);

        FlexRequestRecord record = FlexRequestRecord.of(request);

        assertThat(record.ispCount()).isEqualTo(100);
        assertThat(record.ispDurationMinutes()).isEqualTo(15);
        assertThat(record.revision()).isEqualTo(4);
        assertThat(record.sentAt()).isEqualTo(SENT);
        assertThat(record.isps()).hasSize(100);
        assertThat(record.isps()).extracting(FlexRequestRecord.Isp::isp).startsWith(1, 2, 3).endsWith(99, 100);
        assertThat(record.isps().get(69)).isEqualTo(new FlexRequestRecord.Isp(70, true, -10_000, -5_000));
        assertThat(record.isps().get(99)).isEqualTo(new FlexRequestRecord.Isp(100, false, -80_000, 80_000));
    }

    @Test
    void should_refuse_what_the_history_cannot_keep() {
        FlexRequest overlapping = HistoryFixtures.request(CP, LocalDate.of(2025, 1, 15), 1, SENT, 70, 73, 5_000, true);
        overlapping.getISPS().add(HistoryFixtures.isp(72, 2, AvailableRequestedType.AVAILABLE, 0, 0));
        FlexRequest outside = HistoryFixtures.request(CP, LocalDate.of(2025, 3, 30), 1, SENT, 70, 73, 5_000, true);
        outside.getISPS().add(HistoryFixtures.isp(93, 4, AvailableRequestedType.AVAILABLE, 0, 0));
        FlexRequest seconds = HistoryFixtures.request(CP, LocalDate.of(2025, 1, 15), 1, SENT, 70, 73, 5_000, true);
        seconds.setISPDuration(Duration.ofSeconds(900 + 30));

        assertThatThrownBy(() -> FlexRequestRecord.of(overlapping)).hasMessage("ISP 72 is addressed more than once");
        assertThatThrownBy(() -> FlexRequestRecord.of(outside)).hasMessage("ISP 93-96 is outside ISPs 1-92 of 2025-03-30");
        assertThatThrownBy(() -> FlexRequestRecord.of(seconds)).hasMessageContaining("not a whole number of minutes");
    }
}
