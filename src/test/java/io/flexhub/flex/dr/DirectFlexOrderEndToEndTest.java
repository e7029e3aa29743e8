package io.flexhub.flex.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.site.ContextStore;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/**
 * Direct (unsolicited) FlexOrders on the demo building, over real HTTP: the hub solves the ordered ISP powers for
 * the devices before it answers, accepts and plans the events when they can deliver, and otherwise rejects with the
 * reason; orders pulling both ways or ordering nothing fail the spec's power discrepancy checks.
 */
class DirectFlexOrderEndToEndTest extends H2HubTest {

    private static final String CP = "ean.871685900012636543";
    private static final ZoneId ZONE = UftpTestPeer.MARKET_ZONE;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContextStore context;

    /** A coming Wednesday: the thermostats run their office-hours profile. */
    private final LocalDate wednesday = LocalDate.now(ZONE).plusDays(1)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));

    @BeforeEach
    void devicesFree() {
        dsoAccepts();
        // other tests' events would (rightly) keep their devices out of these orders
        jdbc.sql("UPDATE dr_event SET state = 'CANCELLED', restore_pending = FALSE WHERE state IN ('SCHEDULED', 'ACTIVE')")
                .update();
    }

    @Test
    void should_accept_and_plan_a_direct_order_the_devices_can_deliver_and_revoke_the_offer_it_overtakes() {
        FlexOffer open = openOffer();
        // 14:00-15:00: 4 kW less, within what the office thermostats may curtail
        FlexOrder order = directOrder(isp(57, 4, -4_000));

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        awaitMessage(order.getMessageID(), "handoff", DrOrders.PLANNED);
        List<Event> events = events(order);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.offerId()).isNull();
            assertThat(e.state()).isEqualTo("SCHEDULED");
        });
        double[] delivered = delivered(events);
        for (int isp = 57; isp <= 60; isp++) {
            // whole-watt setpoints per device
            assertThat(delivered[isp - 1]).as("kW less at ISP %d", isp).isCloseTo(4.0, within(0.001 * events.size()));
        }
        for (int isp = 1; isp <= delivered.length; isp++) {
            if (isp < 57 || isp > 60) {
                assertThat(delivered[isp - 1]).as("ISP %d, not ordered", isp).isLessThanOrEqualTo(0.001 * events.size());
            }
        }
        // the open offer sold devices the order has taken: it no longer stands
        awaitMessage(open.getMessageID(), "businessState", "REVOKED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM uftp_message WHERE direction = 'OUT' "
                        + "AND message_type = 'FlexOfferRevocation' AND reference_message_id = :m")
                .param("m", open.getMessageID()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void should_deliver_a_direct_increase_by_moving_ev_charging_with_no_rebound_above_the_ordered_step() {
        // 02:00-03:00: 5 kW more; the evening charging sessions may move into the night
        FlexOrder order = directOrder(isp(9, 4, 5_000));

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getResult()).as(response.getRejectionReason()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        List<Event> events = events(order);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.deviceId()).contains("-ev-"));
        double[] less = delivered(events);
        double tolerance = 0.001 * events.size();
        double moved = 0.0;
        for (int isp = 1; isp <= less.length; isp++) {
            if (isp >= 9 && isp <= 12) {
                assertThat(-less[isp - 1]).as("kW more at ISP %d", isp).isCloseTo(5.0, within(tolerance));
            } else {
                // the charging comes out of ISPs the order left open, never more than the ordered step
                assertThat(less[isp - 1]).as("ISP %d", isp).isBetween(-tolerance, 5.0 + tolerance);
            }
            moved += less[isp - 1];
        }
        assertThat(moved).as("energy kept").isCloseTo(0.0, within(tolerance * less.length));
    }

    @Test
    void should_reject_a_direct_order_the_devices_cannot_deliver_naming_the_isps() {
        FlexOrder order = directOrder(isp(57, 4, -60_000));

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .startsWith("Flexibility not available (ISPs 57-60 cannot be delivered by the devices (best plan: ISP 57 ")
                .contains(" of -60000 W");
        assertThat(events(order)).isEmpty();
        assertThat(awaitMessage(order.getMessageID(), "processingStatus", "REJECTED").has("handoff")).isFalse();
    }

    @Test
    void should_reject_a_direct_order_whose_isps_order_both_directions_as_requested_power_discrepancy() {
        FlexOrder order = directOrder(isp(57, 2, -2_000), isp(59, 2, 2_000));

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Requested Power discrepancy (a direct FlexOrder orders "
                + "one direction; ISPs 57-58 less and ISPs 59-60 more consumption)");
        assertThat(events(order)).isEmpty();
    }

    @Test
    void should_reject_a_direct_order_that_orders_no_power_as_power_discrepancy() {
        FlexOrder order = directOrder(isp(57, 4, 0));

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .isEqualTo("Power discrepancy (every ISP of the direct FlexOrder has Power 0: nothing is ordered)");
        assertThat(events(order)).isEmpty();
    }

    /** An offer on the same Period, still open: a reduction 14:00-15:00 with room elsewhere. */
    private FlexOffer openOffer() {
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(CP);
        request.setPeriod(wednesday);
        request.setExpirationDateTime(Instant.now().plus(Duration.ofHours(6)).atOffset(java.time.ZoneOffset.UTC));
        request.getISPS().clear();
        for (int isp = 1; isp <= 96; isp++) {
            boolean requested = isp >= 57 && isp <= 60;
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? -20_000L : -60_000L);
            i.setMaxPower(requested ? -1_000L : 60_000L);
            request.getISPS().add(i);
        }
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        return awaitResponse(FlexOffer.class, null, request.getConversationID());
    }

    private FlexOrder directOrder(FlexOrderISPType... isps) {
        FlexOrder order = DSO.header(new FlexOrder(), UUID.randomUUID().toString());
        order.setISPDuration(Duration.ofMinutes(15));
        order.setTimeZone(ZONE.getId());
        order.setPeriod(wednesday);
        order.setCongestionPoint(CP);
        order.setUnsolicited(true);
        order.setOrderReference("DIRECT-" + order.getMessageID().substring(0, 8));
        order.setPrice(new BigDecimal("12.5000"));
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

    private record Event(long id, String deviceId, Long offerId, String state, Instant startAt, List<Double> setpoints) {
    }

    private List<Event> events(FlexOrder order) {
        return jdbc.sql("SELECT id, device_id, offer_id, state, start_at, setpoints_kw FROM dr_event "
                        + "WHERE source = 'FLEX_ORDER' AND source_ref = :ref")
                .param("ref", order.getMessageID())
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getString("device_id"),
                        rs.getObject("offer_id", Long.class), rs.getString("state"),
                        rs.getObject("start_at", java.time.OffsetDateTime.class).toInstant(),
                        doubles(rs.getString("setpoints_kw"))))
                .list();
    }

    /** Per ISP of the Period, how much less the events make the devices consume than their baselines. */
    private double[] delivered(List<Event> events) {
        Instant dayStart = wednesday.atStartOfDay(ZONE).toInstant();
        double[] less = new double[96];
        for (Event e : events) {
            int first = (int) (Duration.between(dayStart, e.startAt()).toMinutes() / 15);
            double[] baseline = context.baselineKw(e.deviceId(), e.startAt(), Duration.ofMinutes(15),
                    e.setpoints().size());
            for (int t = 0; t < e.setpoints().size(); t++) {
                if (e.setpoints().get(t) != null) {
                    less[first + t] += baseline[t] - e.setpoints().get(t);
                }
            }
        }
        return less;
    }

    private static List<Double> doubles(String json) {
        try {
            return java.util.Arrays.asList(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Double[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
