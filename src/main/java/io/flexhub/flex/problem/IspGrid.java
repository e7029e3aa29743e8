package io.flexhub.flex.problem;

import java.time.Duration;
import java.time.Instant;

/** The ISPs a problem is built over: {@code count} intervals of length {@code isp} from {@code start}. */
public record IspGrid(Instant start, Duration isp, int count) {

    public IspGrid {
        if (start == null || isp == null || isp.isZero() || isp.isNegative() || count < 0) {
            throw new IllegalArgumentException("an ISP grid needs a start, a positive ISP length and a count >= 0");
        }
    }

    public Instant end() {
        return start.plus(isp.multipliedBy(count));
    }
}
