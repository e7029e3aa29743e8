package io.flexhub.flex.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.FlexOfferSolution;

class DirectOrdersTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate DAY = LocalDate.of(2026, 6, 10);
    /** 06:00 on the day: ISPs 1-24 are over and ISP 25 begins, too late to act on any of them. */
    private static final Instant SIX = DAY.atTime(6, 0).atZone(AMS).toInstant();
    private static final Instant DAY_BEFORE = DAY.minusDays(1).atTime(9, 0).atZone(AMS).toInstant();

    private static FlexOrder order(FlexOrderISPType... isps) {
        FlexOrder order = new FlexOrder();
        order.setVersion("3.0.0");
        order.setSenderDomain("dso.test.example");
        order.setRecipientDomain("agr.test.example");
        order.setMessageID("5b1d7c3e-2a4f-4e6b-8c9d-0e1f2a3b4c5d");
        order.setConversationID("9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b");
        order.setTimeStamp(DAY_BEFORE.atZone(AMS).toOffsetDateTime());
        order.setISPDuration(Duration.ofMinutes(15));
        order.setTimeZone(AMS.getId());
        order.setPeriod(DAY);
        order.setCongestionPoint(InMemoryContext.CP);
        order.setUnsolicited(true);
        order.setOrderReference("D-1");
        order.setPrice(new BigDecimal("10.0000"));
        order.setCurrency("EUR");
        order.getISPS().addAll(List.of(isps));
        return order;
    }

    private static FlexOrderISPType isp(long start, long duration, long power) {
        FlexOrderISPType isp = new FlexOrderISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        return isp;
    }

    private static FlexOfferSolution planned(double... kwByIsp) {
        List<Double> power = new ArrayList<>();
        for (double kw : kwByIsp) {
            power.add(kw);
        }
        return new FlexOfferSolution(FlexOfferSolution.Outcome.OFFER, null, Direction.REDUCE, 0, 0, 0, 0, 0, 0, 0,
                power, List.of(), List.of(), null);
    }

    @Test
    void should_request_exactly_the_ordered_power_keep_0_w_isps_and_leave_room_for_the_rebound_elsewhere() {
        FlexRequest request = DirectOrders.request(order(isp(69, 2, -8_000), isp(71, 1, -3_000), isp(72, 1, 0)),
                DAY_BEFORE);

        assertThat(request.getPeriod()).isEqualTo(DAY);
        assertThat(request.getCongestionPoint()).isEqualTo(InMemoryContext.CP);
        assertThat(request.getISPS()).hasSize(95);
        for (FlexRequestISPType i : request.getISPS()) {
            long n = i.getStart();
            assertThat(i.getDuration()).isEqualTo(1L);
            assertThat(n).as("ISP 72 is ordered at 0 W: baseline kept").isNotEqualTo(72L);
            if (n == 69 || n == 70) {
                assertThat(i.getDisposition()).isEqualTo(AvailableRequestedType.REQUESTED);
                assertThat(List.of(i.getMinPower(), i.getMaxPower())).containsExactly(-8_000L, -8_000L);
            } else if (n == 71) {
                assertThat(List.of(i.getMinPower(), i.getMaxPower())).containsExactly(-3_000L, -3_000L);
            } else {
                assertThat(i.getDisposition()).as("ISP %d", n).isEqualTo(AvailableRequestedType.AVAILABLE);
                assertThat(List.of(i.getMinPower(), i.getMaxPower())).containsExactly(-8_000L, 8_000L);
            }
        }
    }

    @Test
    void should_give_no_rebound_room_in_isps_that_have_begun() {
        FlexRequest request = DirectOrders.request(order(isp(69, 4, 2_000)), SIX);

        assertThat(request.getISPS()).extracting(FlexRequestISPType::getStart)
                .doesNotContain(1L, 25L).contains(26L, 69L, 96L);
    }

    @Test
    void should_report_ordered_isps_that_have_begun() {
        assertThat(DirectOrders.begun(order(isp(20, 7, -1_000), isp(30, 1, -1_000)), SIX))
                .contains("ISPs 20-25 began before the order could be planned");
        assertThat(DirectOrders.begun(order(isp(20, 6, 0), isp(30, 1, -1_000)), SIX)).isEmpty();
    }

    @Test
    void should_count_an_isp_delivered_within_1_percent_and_at_least_10_w() {
        double[] kw = new double[96];
        kw[68] = -1.985;  // 15 W short of 2 kW: within 1 % (20 W)
        kw[69] = -0.491;  // 9 W short of 500 W: within the 10 W floor
        FlexOrder order = order(isp(69, 1, -2_000), isp(70, 1, -500));

        assertThat(DirectOrders.undelivered(order, planned(kw))).isEmpty();

        kw[68] = -1.975;  // 25 W short: more than 1 %
        kw[69] = -0.480;  // 20 W short: more than 10 W
        assertThat(DirectOrders.undelivered(order, planned(kw))).contains("ISPs 69-70 cannot be delivered by the "
                + "devices (best plan: ISP 69 -1975 of -2000 W, ISP 70 -480 of -500 W)");
    }

    @Test
    void should_name_every_missed_isp_but_spell_out_only_the_first_few() {
        double[] kw = new double[96];
        FlexOrder order = order(isp(41, 8, 1_000));

        assertThat(DirectOrders.undelivered(order, planned(kw))).contains("ISPs 41-48 cannot be delivered by the "
                + "devices (best plan: ISP 41 0 of 1000 W, ISP 42 0 of 1000 W, ISP 43 0 of 1000 W, ISP 44 0 of "
                + "1000 W, ...)");
    }
}
