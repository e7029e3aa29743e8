package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.flexReservationUpdate;
import static io.flexhub.usef.validation.UftpTestMessages.flexSettlement;
import static io.flexhub.usef.validation.UftpTestMessages.orderSettlement;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexSettlement;

class SettlementAndReservationRulesTest extends ValidatorTestSupport {

    private final FlexSettlement settlement = flexSettlement();

    @BeforeEach
    void storeSettledOrder() {
        context.store(flexOrder(flexOffer(flexRequest())), MessageStatus.ACCEPTED);
    }

    @Test
    void should_accept_when_the_reservation_update_is_valid() {
        assertThat(reasons(flexReservationUpdate())).isEmpty();
    }

    @Test
    void should_accept_when_the_reservation_contract_is_configured() {
        context.contracts("C-1");

        assertThat(reasons(flexReservationUpdate())).isEmpty();
    }

    @Test
    void should_reject_when_the_reservation_update_covers_an_isp_twice() {
        FlexReservationUpdate update = flexReservationUpdate();
        update.getISPS().add(update.getISPS().get(0));

        assertThat(reasons(update)).containsExactly("ISP conflict (ISP 1 defined more than once)");
    }

    @Test
    void should_reject_when_the_reservation_update_names_no_reference() {
        FlexReservationUpdate update = flexReservationUpdate();
        update.setReference(" ");

        assertThat(reasons(update)).containsExactly("Invalid Message: missing Reference");
    }

    @Test
    void should_reject_when_the_reservation_contract_is_not_one_of_the_senders() {
        context.contracts("C-2");

        assertThat(reasons(flexReservationUpdate())).containsExactly("Unknown reference ContractID (C-1)");
    }

    @Test
    void should_reject_when_the_update_releases_isps_that_have_begun() {
        FlexReservationUpdate update = flexReservationUpdate();
        update.setPeriod(UftpTestMessages.NOW.atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate());

        // 11:00 in Amsterdam: ISP 45 starts now
        assertThat(reasons(update)).containsExactly("Period out of bounds (ISPs 1-45 of 2026-03-28 have begun)");
    }

    @Test
    void should_accept_when_the_update_releases_only_isps_still_to_come_today() {
        FlexReservationUpdate update = reservation("R-1", 46, 51, 500);
        update.setPeriod(LocalDate.of(2026, 3, 28));

        assertThat(reasons(update)).isEmpty();
    }

    @Test
    void should_reject_when_the_update_raises_what_an_earlier_update_left_reserved() {
        context.store(flexReservationUpdate(), MessageStatus.ACCEPTED);

        assertThat(reasons(reservation("R-1", 41, 8, 600)))
                .containsExactly("Reservation increase (ISPs 41-48 above what Reference R-1 left reserved)");
    }

    @Test
    void should_reject_when_the_update_turns_the_reserved_direction_around() {
        context.store(flexReservationUpdate(), MessageStatus.ACCEPTED);

        assertThat(reasons(reservation("R-1", 41, 1, -200)))
                .containsExactly("Reservation increase (ISP 41 above what Reference R-1 left reserved)");
    }

    @Test
    void should_accept_when_the_update_reduces_or_releases_the_reservation() {
        context.store(flexReservationUpdate(), MessageStatus.ACCEPTED);
        FlexReservationUpdate update = reservation("R-1", 41, 8, 300);
        update.getISPS().add(reservation("R-1", 49, 48, 0).getISPS().get(0));

        assertThat(reasons(update)).isEmpty();
    }

    @Test
    void should_compare_with_the_latest_accepted_update_of_the_reference() {
        context.store(flexReservationUpdate(), MessageStatus.ACCEPTED);
        context.store(reservation("R-1", 41, 8, 300), MessageStatus.ACCEPTED);

        assertThat(reasons(reservation("R-1", 41, 1, 400)))
                .containsExactly("Reservation increase (ISP 41 above what Reference R-1 left reserved)");
    }

    @Test
    void should_accept_when_only_another_reference_or_a_rejected_update_reserved_less() {
        context.store(reservation("R-2", 1, 96, 100), MessageStatus.ACCEPTED);
        context.store(reservation("R-1", 1, 96, 100), MessageStatus.REJECTED);

        assertThat(reasons(reservation("R-1", 1, 96, 500))).isEmpty();
    }

    @Test
    void should_accept_when_the_settlement_matches_the_orders() {
        assertThat(validate(settlement).outcome()).isEqualTo(ValidationResult.Outcome.ACCEPTED);
    }

    @Test
    void should_reject_when_the_settlement_period_ends_before_it_starts() {
        settlement.setPeriodStart(LocalDate.of(2026, 3, 31));
        settlement.setPeriodEnd(LocalDate.of(2026, 3, 1));

        assertThat(reasons(settlement))
                .containsExactly("Period out of bounds (PeriodStart 2026-03-31 is after PeriodEnd 2026-03-01)");
    }

    @Test
    void should_reject_when_a_settled_day_lies_outside_the_settlement_period() {
        settlement.getContractSettlements().get(0).getPeriods().get(0).setPeriod(LocalDate.of(2026, 4, 2));

        assertThat(reasons(settlement)).containsExactly(
                "Period out of bounds (ContractSettlement C-1: Period 2026-04-02 is outside 2026-03-01..2026-03-31)");
    }

    @Test
    void should_dispute_not_reject_when_the_order_reference_is_unknown() {
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-9", UftpTestMessages.PERIOD));

        assertThat(reasons(settlement)).isEmpty();
        assertThat(SettlementDisputes.of(settlement, context))
                .containsExactly(Map.entry("ORD-9", "no FlexOrder with OrderReference ORD-9 was accepted"));
    }

    @Test
    void should_dispute_when_the_settled_order_was_rejected_by_the_hub() {
        FlexOrder rejected = flexOrder(flexOffer(flexRequest()));
        rejected.setOrderReference("ORD-3");
        context.store(rejected, MessageStatus.REJECTED);
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-3", UftpTestMessages.PERIOD));

        assertThat(SettlementDisputes.of(settlement, context))
                .containsExactly(Map.entry("ORD-3", "no FlexOrder with OrderReference ORD-3 was accepted"));
    }

    @Test
    void should_dispute_nothing_when_the_settlement_matches_the_orders() {
        assertThat(SettlementDisputes.of(settlement, context)).isEmpty();
    }

    @Test
    void should_dispute_every_difference_when_price_power_and_congestion_point_differ_from_the_order() {
        FlexOrderSettlementType item = settlement.getFlexOrderSettlements().get(0);
        item.setPrice(new BigDecimal("120.0000"));
        item.setCongestionPoint("ea1.1992-10.com.example:grid-2");
        item.getISPS().get(0).setDuration(4L);
        FlexOrderSettlementISPType more = orderSettlement("ORD-1", UftpTestMessages.PERIOD).getISPS().get(0);
        more.setStart(45L);
        more.setDuration(4L);
        more.setOrderedFlexPower(3000L);
        item.getISPS().add(more);

        assertThat(reasons(settlement)).isEmpty();
        assertThat(SettlementDisputes.of(settlement, context)).containsExactly(Map.entry("ORD-1",
                "CongestionPoint ea1.1992-10.com.example:grid-2, the FlexOrder has ea1.1992-10.com.example:grid-1; "
                        + "Price 120.0000, the FlexOrder has 100.0000; "
                        + "OrderedFlexPower differs from the FlexOrder in ISPs 45-48"));
    }

    @Test
    void should_dispute_when_the_settlement_leaves_out_ordered_isps() {
        settlement.getFlexOrderSettlements().get(0).getISPS().get(0).setDuration(6L);

        assertThat(SettlementDisputes.of(settlement, context))
                .containsExactly(Map.entry("ORD-1", "OrderedFlexPower differs from the FlexOrder in ISPs 47-48"));
    }

    @Test
    void should_reject_when_the_sender_settled_part_of_the_period_before() {
        FlexSettlement earlier = flexSettlement();
        earlier.setPeriodStart(LocalDate.of(2026, 2, 1));
        earlier.setPeriodEnd(LocalDate.of(2026, 3, 1));
        context.store(earlier, MessageStatus.ACCEPTED);

        assertThat(reasons(settlement)).containsExactly(
                "Period already settled (2026-02-01..2026-03-01 by FlexSettlement " + earlier.getMessageID() + ")");
    }

    @Test
    void should_accept_when_only_a_rejected_settlement_or_another_month_or_sender_came_before() {
        FlexSettlement rejected = flexSettlement();
        context.store(rejected, MessageStatus.REJECTED);
        FlexSettlement february = flexSettlement();
        february.setPeriodStart(LocalDate.of(2026, 2, 1));
        february.setPeriodEnd(LocalDate.of(2026, 2, 28));
        context.store(february, MessageStatus.ACCEPTED);
        FlexSettlement otherDso = flexSettlement();
        otherDso.setSenderDomain(UftpTestMessages.OTHER_DSO);
        context.store(otherDso, MessageStatus.ACCEPTED);

        assertThat(reasons(settlement)).isEmpty();
    }

    @Test
    void should_reject_when_the_order_was_for_another_day() {
        settlement.getFlexOrderSettlements().get(0).setPeriod(LocalDate.of(2026, 3, 31));

        assertThat(reasons(settlement))
                .containsExactly("Reference Period mismatch (OrderReference ORD-1: 2026-03-31, FlexOrder has 2026-03-30)");
    }

    @Test
    void should_skip_the_order_check_when_a_settled_item_has_no_order_reference() {
        settlement.getFlexOrderSettlements().add(orderSettlement(null, UftpTestMessages.PERIOD));

        assertThat(reasons(settlement)).isEmpty();
    }

    @Test
    void should_reject_when_a_settled_order_is_on_an_unknown_congestion_point() {
        context.congestionPoints(UftpTestMessages.CONGESTION_POINT);
        settlement.getFlexOrderSettlements().get(0).setCongestionPoint("ea1.1992-10.com.example:grid-9");

        assertThat(reasons(settlement)).containsExactly("Invalid CongestionPoint (ea1.1992-10.com.example:grid-9)");
    }

    @Test
    void should_reject_when_a_settled_contract_is_unknown() {
        context.contracts("C-2");

        assertThat(reasons(settlement)).containsExactly("Unknown reference ContractID (C-1)");
    }

    private static FlexReservationUpdate reservation(String reference, long start, long duration, long power) {
        FlexReservationUpdate update = flexReservationUpdate();
        update.setReference(reference);
        update.getISPS().get(0).setStart(start);
        update.getISPS().get(0).setDuration(duration);
        update.getISPS().get(0).setPower(power);
        return update;
    }

    @Test
    void should_bound_settled_isps_by_their_own_day_when_it_is_the_spring_dst_day() {
        LocalDate springDst = LocalDate.of(2026, 3, 29);
        FlexOrder order = flexOrder(flexOffer(flexRequest()));
        order.setPeriod(springDst);
        order.setOrderReference("ORD-2");
        context.store(order, MessageStatus.ACCEPTED);
        FlexOrderSettlementType item = orderSettlement("ORD-2", springDst);
        item.getISPS().get(0).setStart(90L);
        item.getISPS().get(0).setDuration(4L);
        settlement.getFlexOrderSettlements().add(item);

        assertThat(reasons(settlement))
                .containsExactly("ISPs out of bounds (FlexOrderSettlement ORD-2: ISP 93 > 92 on 2026-03-29)");
    }
}
