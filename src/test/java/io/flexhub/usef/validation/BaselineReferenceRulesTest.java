package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.dPrognosis;
import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.flexSettlement;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/** What a FlexOrder or settlement builds on: the offer's congestion point, the baseline D-Prognosis or reference. */
class BaselineReferenceRulesTest extends ValidatorTestSupport {

    private final FlexRequest request = flexRequest();
    private final FlexOffer offer = flexOffer(request);
    private final FlexOrder order = flexOrder(offer);
    /** The hub's D-Prognosis to the DSO for the order's congestion point and day, in a conversation of its own. */
    private final DPrognosis prognosis = dPrognosis();

    @BeforeEach
    void storeConversation() {
        context.store(request, MessageStatus.ACCEPTED).store(offer, MessageStatus.ACCEPTED)
                .store(prognosis, MessageStatus.ACCEPTED);
    }

    @Test
    void should_reject_when_the_order_is_for_another_congestion_point_than_its_offer() {
        order.setCongestionPoint("ea1.1992-10.com.example:grid-2");

        assertThat(reasons(order)).containsExactly(
                "CongestionPoint mismatch (ea1.1992-10.com.example:grid-2, FlexOffer has ea1.1992-10.com.example:grid-1)");
    }

    @Test
    void should_accept_when_the_order_names_the_d_prognosis_the_hub_sent_in_another_conversation() {
        order.setDPrognosisMessageID(prognosis.getMessageID());

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_the_order_names_an_unknown_d_prognosis() {
        order.setDPrognosisMessageID("0b6a2b3e-0000-4000-8000-00000000dead");

        assertThat(reasons(order))
                .containsExactly("Unknown reference D-PrognosisMessageID (0b6a2b3e-0000-4000-8000-00000000dead)");
    }

    @Test
    void should_reject_when_the_named_d_prognosis_went_to_another_dso() {
        DPrognosis toOther = dPrognosis();
        toOther.setRecipientDomain(UftpTestMessages.OTHER_DSO);
        context.store(toOther, MessageStatus.ACCEPTED);
        order.setDPrognosisMessageID(toOther.getMessageID());

        assertThat(reasons(order))
                .containsExactly("Unknown reference D-PrognosisMessageID (" + toOther.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_named_d_prognosis_is_for_another_day_and_congestion_point() {
        DPrognosis otherDay = dPrognosis();
        otherDay.setPeriod(LocalDate.of(2026, 3, 31));
        otherDay.setCongestionPoint("ea1.1992-10.com.example:grid-2");
        context.store(otherDay, MessageStatus.ACCEPTED);
        order.setDPrognosisMessageID(otherDay.getMessageID());

        assertThat(reasons(order)).containsExactly(
                "Reference Period mismatch (2026-03-30, D-Prognosis has 2026-03-31)",
                "CongestionPoint mismatch (ea1.1992-10.com.example:grid-1, D-Prognosis has "
                        + "ea1.1992-10.com.example:grid-2)");
    }

    @Test
    void should_reject_when_a_settled_order_names_an_unknown_d_prognosis() {
        context.store(order, MessageStatus.ACCEPTED);
        FlexSettlement settlement = flexSettlement();
        settlement.getFlexOrderSettlements().get(0).setDPrognosisMessageID("0b6a2b3e-0000-4000-8000-00000000dead");

        assertThat(reasons(settlement)).containsExactly(
                "Unknown reference D-PrognosisMessageID (FlexOrderSettlement ORD-1: 0b6a2b3e-0000-4000-8000-00000000dead)");
    }

    @Test
    void should_reject_when_the_order_states_a_baseline_its_offer_did_not() {
        order.setBaselineReference("baseline-metered");

        assertThat(reasons(order)).containsExactly("Unknown reference BaselineReference (baseline-metered)");
    }

    @Test
    void should_accept_when_the_order_states_the_baseline_of_its_offer() {
        offer.setBaselineReference("baseline-metered");
        order.setBaselineReference("baseline-metered");

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_a_settled_order_states_another_baseline_than_the_order() {
        context.store(order, MessageStatus.ACCEPTED);
        FlexSettlement settlement = flexSettlement();
        settlement.getFlexOrderSettlements().get(0).setBaselineReference("baseline-metered");

        assertThat(reasons(settlement)).containsExactly("Unknown reference BaselineReference (baseline-metered)");
    }

    @Test
    void should_accept_when_a_settled_order_states_the_baseline_of_the_order() {
        offer.setBaselineReference("baseline-metered");
        order.setBaselineReference("baseline-metered");
        context.store(order, MessageStatus.ACCEPTED);
        FlexSettlement settlement = flexSettlement();
        settlement.getFlexOrderSettlements().get(0).setBaselineReference("baseline-metered");

        assertThat(reasons(settlement)).isEmpty();
    }
}
