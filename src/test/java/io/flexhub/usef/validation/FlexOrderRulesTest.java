package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.offerIsp;
import static io.flexhub.usef.validation.UftpTestMessages.option;
import static io.flexhub.usef.validation.UftpTestMessages.orderIsp;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;

class FlexOrderRulesTest extends ValidatorTestSupport {

    private final FlexRequest request = flexRequest();
    private final FlexOffer offer = flexOffer(request);
    private final FlexOrder order = flexOrder(offer);

    private void storeConversation(MessageStatus offerStatus) {
        context.store(request, MessageStatus.ACCEPTED).store(offer, offerStatus);
    }

    @Test
    void should_accept_when_the_order_matches_an_open_offer() {
        storeConversation(MessageStatus.ACCEPTED);

        assertThat(validate(order).outcome()).isEqualTo(ValidationResult.Outcome.ACCEPTED);
    }

    @Test
    void should_accept_when_the_offer_has_not_been_answered_yet() {
        storeConversation(MessageStatus.SENT);

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_accept_a_direct_order_when_it_is_unsolicited_without_offer_reference() {
        order.setUnsolicited(true);
        order.setFlexOfferMessageID(null);
        order.setOptionReference(null);

        assertThat(reasons(order)).isEmpty();
    }

    private FlexOrder direct(org.lfenergy.shapeshifter.api.FlexOrderISPType... isps) {
        order.setUnsolicited(true);
        order.setFlexOfferMessageID(null);
        order.setOptionReference(null);
        order.getISPS().clear();
        order.getISPS().addAll(java.util.List.of(isps));
        return order;
    }

    @Test
    void should_reject_a_direct_order_as_requested_power_discrepancy_when_its_isps_order_both_directions() {
        direct(orderIsp(41, 4, -2500), orderIsp(45, 1, 0), orderIsp(46, 2, 1200), orderIsp(50, 1, -300));

        assertThat(reasons(order)).containsExactly("Requested Power discrepancy (a direct FlexOrder orders one "
                + "direction; ISPs 41-44, 50 less and ISPs 46-47 more consumption)");
    }

    @Test
    void should_reject_a_direct_order_as_power_discrepancy_when_every_isp_orders_0_w() {
        direct(orderIsp(41, 4, 0), orderIsp(45, 1, 0));

        assertThat(reasons(order)).containsExactly(
                "Power discrepancy (every ISP of the direct FlexOrder has Power 0: nothing is ordered)");
    }

    @Test
    void should_accept_a_direct_order_in_one_direction_with_isps_left_at_0_w() {
        direct(orderIsp(41, 4, -2500), orderIsp(45, 2, 0), orderIsp(47, 1, -100));

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_leave_the_power_discrepancy_checks_to_direct_orders_when_the_order_is_on_an_offer() {
        offer.getOfferOptions().get(0).getISPS().clear();
        offer.getOfferOptions().get(0).getISPS().add(offerIsp(41, 4, 0));
        offer.getOfferOptions().get(0).getISPS().add(offerIsp(45, 4, 0));
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().clear();
        order.getISPS().add(orderIsp(41, 4, 0));
        order.getISPS().add(orderIsp(45, 4, 0));

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_require_the_offer_reference_when_unsolicited_is_missing() {
        order.setFlexOfferMessageID(null);

        assertThat(reasons(order)).containsExactly("FlexOfferMessageID must (only) be present if not unsolicited");
    }

    @Test
    void should_require_the_offer_reference_when_unsolicited_is_false() {
        order.setUnsolicited(false);
        order.setFlexOfferMessageID(null);

        assertThat(reasons(order)).containsExactly("FlexOfferMessageID must (only) be present if not unsolicited");
    }

    @Test
    void should_reject_an_offer_reference_when_the_order_is_unsolicited() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setUnsolicited(true);

        assertThat(reasons(order)).containsExactly("FlexOfferMessageID must (only) be present if not unsolicited");
    }

    @Test
    void should_reject_when_the_referenced_offer_is_unknown() {
        context.store(request, MessageStatus.ACCEPTED);

        assertThat(reasons(order)).containsExactly("Unknown reference FlexOfferMessageID (" + offer.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_referenced_offer_belongs_to_another_conversation() {
        offer.setConversationID("9d1e6c0a-0000-4000-8000-0000000000ff");
        storeConversation(MessageStatus.ACCEPTED);

        assertThat(reasons(order)).containsExactly("Unknown reference FlexOfferMessageID (" + offer.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_referenced_message_is_no_offer() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setFlexOfferMessageID(request.getMessageID());

        assertThat(reasons(order))
                .containsExactly("Unknown reference FlexOfferMessageID (" + request.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_referenced_offer_was_made_to_another_dso() {
        offer.setRecipientDomain(UftpTestMessages.OTHER_DSO);
        storeConversation(MessageStatus.ACCEPTED);

        assertThat(reasons(order)).containsExactly("Unknown reference FlexOfferMessageID (" + offer.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_order_is_for_another_period_than_the_offer() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setPeriod(LocalDate.of(2026, 3, 31));

        assertThat(reasons(order)).containsExactly("Reference Period mismatch (2026-03-31, FlexOffer has 2026-03-30)");
    }

    @Test
    void should_reject_when_the_offer_expired() {
        offer.setExpirationDateTime(OffsetDateTime.parse("2026-03-28T10:00:00Z"));
        storeConversation(MessageStatus.ACCEPTED);

        assertThat(reasons(order)).containsExactly("Reference message expired (FlexOffer expired at 2026-03-28T10:00Z)");
    }

    @Test
    void should_reject_when_the_offer_was_revoked() {
        storeConversation(MessageStatus.REVOKED);

        assertThat(reasons(order)).containsExactly("Reference message revoked");
    }

    @Test
    void should_reject_when_the_offer_was_ordered_already() {
        storeConversation(MessageStatus.ORDERED);

        assertThat(reasons(order)).containsExactly("Reference message already ordered");
    }

    @Test
    void should_reject_when_the_option_reference_is_not_in_the_offer() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setOptionReference("B");

        assertThat(reasons(order)).containsExactly("Unknown reference OptionReference in FlexOrder (B)");
    }

    @Test
    void should_reject_when_no_option_is_chosen_from_several() {
        offer.getOfferOptions().add(option("B", "50.0000", null, offerIsp(41, 4, 2500)));
        storeConversation(MessageStatus.ACCEPTED);
        order.setOptionReference(null);

        assertThat(reasons(order))
                .containsExactly("Unknown reference OptionReference in FlexOrder (none given, FlexOffer has 2 options)");
    }

    @Test
    void should_take_the_only_option_when_no_option_is_chosen() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setOptionReference(null);

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_compare_with_the_chosen_option_when_the_offer_has_several() {
        offer.getOfferOptions().add(option("B", "50.0000", null, offerIsp(41, 4, 2500)));
        storeConversation(MessageStatus.ACCEPTED);
        order.setOptionReference("B");
        order.setPrice(new BigDecimal("50.0000"));
        order.getISPS().get(0).setDuration(4L);

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_the_currency_differs_from_the_offer() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setCurrency("GBP");

        assertThat(reasons(order)).containsExactly("Currency mismatch (GBP, FlexOffer has EUR)");
    }

    @Test
    void should_accept_a_partial_order_when_power_and_price_are_scaled_by_the_activation_factor() {
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.80", 2000, "80.0000");

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_the_activation_factor_is_below_the_option_minimum() {
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.40", 1000, "40.0000");

        assertThat(reasons(order)).containsExactly("ActivationFactor out of bounds (0.40 < MinActivationFactor 0.50)");
    }

    @Test
    void should_require_full_activation_when_the_option_has_no_minimum_activation_factor() {
        offer.getOfferOptions().get(0).setMinActivationFactor(null);
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.80", 2000, "80.0000");

        assertThat(reasons(order)).containsExactly("ActivationFactor out of bounds (0.80 < MinActivationFactor 1.00)");
    }

    @Test
    void should_reject_when_the_price_is_not_the_offered_price() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setPrice(new BigDecimal("90.0000"));

        assertThat(reasons(order)).containsExactly("Price mismatch (90.0000, expected 100.0000 = 100.0000 x 1.00)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0002", "5.0003"})
    void should_accept_either_rounding_when_the_scaled_price_has_more_than_4_decimals(String price) {
        offer.getOfferOptions().get(0).setPrice(new BigDecimal("10.0005"));
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.50", 1250, price);

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_the_scaled_price_is_off_by_more_than_rounding() {
        offer.getOfferOptions().get(0).setPrice(new BigDecimal("10.0005"));
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.50", 1250, "5.0004");

        assertThat(reasons(order)).containsExactly("Price mismatch (5.0004, expected 5.0003 = 10.0005 x 0.50)");
    }

    @Test
    void should_reject_when_offered_isps_are_not_ordered() {
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().get(0).setDuration(4L);

        assertThat(reasons(order)).containsExactly("ISP mismatch (not ordered: ISPs 45-48)");
    }

    @Test
    void should_reject_when_isps_are_ordered_that_were_not_offered() {
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().add(orderIsp(49, 1, 2500));
        order.getISPS().add(orderIsp(60, 2, 2500));

        assertThat(reasons(order)).containsExactly("ISP mismatch (not offered: ISPs 49, 60-61)");
    }

    @Test
    void should_accept_when_the_order_lists_the_offered_isps_one_by_one() {
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().clear();
        for (long isp = 41; isp <= 48; isp++) {
            order.getISPS().add(orderIsp(isp, 1, 2500));
        }

        assertThat(reasons(order)).isEmpty();
    }

    @Test
    void should_reject_when_the_ordered_power_differs_from_the_offered_power() {
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().get(0).setDuration(4L);
        order.getISPS().add(orderIsp(45, 4, 2400));

        assertThat(reasons(order))
                .containsExactly("Power mismatch (ISPs 45-48 not offered Power x ActivationFactor 1.00)");
    }

    @ParameterizedTest
    @CsvSource({"1250, true", "1251, true", "1249, false", "1252, false"})
    void should_accept_either_whole_watt_when_the_scaled_power_is_fractional(long orderedPower, boolean accepted) {
        offer.getOfferOptions().get(0).getISPS().get(0).setPower(2501L);
        storeConversation(MessageStatus.ACCEPTED);
        orderPartially("0.50", orderedPower, "50.0000");

        assertThat(reasons(order).isEmpty()).isEqualTo(accepted);
    }

    @Test
    void should_report_only_the_bounds_when_the_order_isps_are_out_of_bounds() {
        storeConversation(MessageStatus.ACCEPTED);
        order.getISPS().add(orderIsp(97, 1, 2500));

        assertThat(reasons(order)).containsExactly("ISPs out of bounds (ISP 97 > 96 on 2026-03-30)");
    }

    @Test
    void should_report_all_commercial_faults_when_several_terms_differ() {
        storeConversation(MessageStatus.ACCEPTED);
        order.setCurrency("USD");
        order.setActivationFactor(new BigDecimal("0.10"));

        assertThat(validate(order).rejectionReason()).contains("Currency mismatch (USD, FlexOffer has EUR)"
                + "; ActivationFactor out of bounds (0.10 < MinActivationFactor 0.50)"
                + "; Price mismatch (100.0000, expected 10.0000 = 100.0000 x 0.10)"
                + "; Power mismatch (ISPs 41-48 not offered Power x ActivationFactor 0.10)");
    }

    private void orderPartially(String activationFactor, long power, String price) {
        order.setActivationFactor(new BigDecimal(activationFactor));
        order.getISPS().get(0).setPower(power);
        order.setPrice(new BigDecimal(price));
    }
}
