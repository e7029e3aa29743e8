package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.flexReservationUpdate;
import static io.flexhub.usef.validation.UftpTestMessages.flexSettlement;
import static io.flexhub.usef.validation.UftpTestMessages.orderSettlement;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexOrder;
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
    void should_reject_when_the_order_reference_is_unknown() {
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-9", UftpTestMessages.PERIOD));

        assertThat(reasons(settlement)).containsExactly("Unknown reference OrderReference (ORD-9)");
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
