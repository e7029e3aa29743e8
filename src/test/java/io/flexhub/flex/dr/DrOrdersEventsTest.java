package io.flexhub.flex.dr;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.PlanKind;
import io.flexhub.usef.time.IspCalendar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;

/** The events an order becomes never start in an ISP that has begun (or begins within the lead time). */
class DrOrdersEventsTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final IspCalendar CALENDAR = new IspCalendar(AMS, Duration.ofMinutes(15));

    @Test
    void should_start_the_event_at_the_first_isp_still_ahead() {
        // the plan curtails in ISPs 69-72; ISP 70 starts at the earliest instant a device can still be changed
        List<DrEvent.New> events = DrOrders.events(order(), 7L, "cp", BigDecimal.ONE, List.of(plan()),
                CALENDAR.ispStart(DAY, 70));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).startAt()).isEqualTo(CALENDAR.ispStart(DAY, 71));
        assertThat(events.get(0).setpointsKw()).containsExactly(2.0, 2.0);
    }

    @Test
    void should_plan_the_whole_event_when_it_lies_ahead_and_none_when_it_has_begun_entirely() {
        Instant dayBefore = CALENDAR.startOfPeriod(DAY).minus(Duration.ofHours(1));

        List<DrEvent.New> ahead = DrOrders.events(order(), 7L, "cp", BigDecimal.ONE, List.of(plan()), dayBefore);
        List<DrEvent.New> over = DrOrders.events(order(), 7L, "cp", BigDecimal.ONE, List.of(plan()),
                CALENDAR.ispStart(DAY, 72));

        assertThat(ahead.get(0).startAt()).isEqualTo(CALENDAR.ispStart(DAY, 69));
        assertThat(ahead.get(0).setpointsKw()).containsExactly(2.0, 2.0, 2.0, 2.0);
        assertThat(over).isEmpty();
    }

    private static DevicePlanRow plan() {
        double[] baseline = new double[96];
        Arrays.fill(baseline, 4.0);
        double[] reduction = new double[96];
        Arrays.fill(reduction, 68, 72, 2.0);
        return new DevicePlanRow("thermostat", PlanKind.CURTAILMENT, baseline, reduction);
    }

    private static FlexOrder order() {
        FlexOrder order = new FlexOrder();
        order.setMessageID("0b9f2a51-1b2f-4c3d-8e9f-a0b1c2d3e4f5");
        order.setTimeZone(AMS.getId());
        order.setISPDuration(Duration.ofMinutes(15));
        order.setPeriod(DAY);
        FlexOrderISPType isp = new FlexOrderISPType();
        isp.setStart(69L);
        isp.setDuration(4L);
        isp.setPower(-2000L);
        order.getISPS().add(isp);
        return order;
    }
}
