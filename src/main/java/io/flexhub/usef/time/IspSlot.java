package io.flexhub.usef.time;

import java.time.LocalDate;

/** One ISP: its Period and its 1-based number within that Period. */
public record IspSlot(LocalDate period, int isp) {
}
