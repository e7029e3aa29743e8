package io.flexhub.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IspRunsTest {

    @Test
    void should_encode_consecutive_equal_isps_as_one_run_and_decode_them_back() {
        List<FlexRequestRecord.Isp> isps = new ArrayList<>();
        for (int isp = 1; isp <= 96; isp++) {
            boolean requested = isp >= 69 && isp <= 71;
            isps.add(new FlexRequestRecord.Isp(isp, requested, requested ? -40_000 - isp : -80_000,
                    requested ? -20_000 : 80_000));
        }
        isps.remove(94);

        String runs = IspRuns.encode(isps);
        List<FlexRequestRecord.Isp> decoded = new ArrayList<>();
        IspRuns.decode(runs, (isp, requested, min, max) -> decoded.add(new FlexRequestRecord.Isp(isp, requested, min,
                max)));

        assertThat(runs).isEqualTo("1,68,A,-80000,80000;69,1,R,-40069,-20000;70,1,R,-40070,-20000;"
                + "71,1,R,-40071,-20000;72,23,A,-80000,80000;96,1,A,-80000,80000");
        assertThat(decoded).isEqualTo(isps);
        assertThat(IspRuns.encode(List.of())).isEmpty();
    }

    @Test
    void should_refuse_text_that_is_not_in_the_format() {
        assertThatThrownBy(() -> IspRuns.decode("1,68,-80000,80000", (i, r, min, max) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1,68,-80000,80000");
    }
}
