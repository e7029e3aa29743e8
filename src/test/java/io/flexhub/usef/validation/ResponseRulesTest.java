package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.agrPortfolioQuery;
import static io.flexhub.usef.validation.UftpTestMessages.agrPortfolioQueryResponse;
import static io.flexhub.usef.validation.UftpTestMessages.agrPortfolioUpdate;
import static io.flexhub.usef.validation.UftpTestMessages.agrPortfolioUpdateResponse;
import static io.flexhub.usef.validation.UftpTestMessages.dPrognosis;
import static io.flexhub.usef.validation.UftpTestMessages.dPrognosisResponse;
import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOfferResponse;
import static io.flexhub.usef.validation.UftpTestMessages.flexOfferRevocation;
import static io.flexhub.usef.validation.UftpTestMessages.flexOfferRevocationResponse;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.metering;
import static io.flexhub.usef.validation.UftpTestMessages.meteringResponse;
import static io.flexhub.usef.validation.UftpTestMessages.testMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AGRPortfolioQuery;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.AGRPortfolioUpdate;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.DPrognosisResponse;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOfferRevocation;
import org.lfenergy.shapeshifter.api.FlexOfferRevocationResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.TestMessage;

class ResponseRulesTest extends ValidatorTestSupport {

    private final FlexOffer offer = flexOffer(flexRequest());

    @Test
    void should_accept_when_the_flex_offer_response_refers_to_our_offer() {
        context.store(offer, MessageStatus.SENT);

        assertThat(reasons(flexOfferResponse(offer))).isEmpty();
    }

    @Test
    void should_reject_when_the_flex_offer_response_refers_to_an_unknown_offer() {
        assertThat(reasons(flexOfferResponse(offer)))
                .containsExactly("Unknown reference FlexOfferMessageID (" + offer.getMessageID() + ")");
    }

    @Test
    void should_reject_when_the_flex_offer_response_lacks_its_reference() {
        FlexOfferResponse response = flexOfferResponse(offer);
        response.setFlexOfferMessageID(null);

        assertThat(reasons(response)).containsExactly("Unknown reference FlexOfferMessageID (missing)");
    }

    @Test
    void should_accept_when_the_revocation_response_refers_to_our_revocation() {
        FlexOfferRevocation revocation = flexOfferRevocation(offer);
        context.store(offer, MessageStatus.REVOKED).store(revocation, MessageStatus.SENT);

        assertThat(reasons(flexOfferRevocationResponse(revocation))).isEmpty();
    }

    @Test
    void should_reject_when_the_revocation_response_names_the_offer_instead_of_the_revocation() {
        FlexOfferRevocation revocation = flexOfferRevocation(offer);
        context.store(offer, MessageStatus.REVOKED).store(revocation, MessageStatus.SENT);
        FlexOfferRevocationResponse response = flexOfferRevocationResponse(revocation);
        response.setFlexOfferRevocationMessageID(offer.getMessageID());

        assertThat(reasons(response))
                .containsExactly("Unknown reference FlexOfferRevocationMessageID (" + offer.getMessageID() + ")");
    }

    @Test
    void should_accept_when_the_prognosis_response_names_orders_of_other_conversations() {
        DPrognosis prognosis = dPrognosis();
        FlexOrder order = flexOrder(offer);
        context.store(prognosis, MessageStatus.SENT).store(order, MessageStatus.ACCEPTED);

        assertThat(reasons(dPrognosisResponse(prognosis, order.getMessageID()))).isEmpty();
    }

    @Test
    void should_reject_when_the_prognosis_response_names_unknown_orders() {
        DPrognosis prognosis = dPrognosis();
        context.store(prognosis, MessageStatus.SENT);
        DPrognosisResponse response = dPrognosisResponse(prognosis, "00000000-0000-4000-8000-00000000000a",
                "00000000-0000-4000-8000-00000000000b");

        assertThat(reasons(response)).containsExactly("Unknown reference FlexOrderMessageID "
                + "(00000000-0000-4000-8000-00000000000a, 00000000-0000-4000-8000-00000000000b)");
    }

    @Test
    void should_reject_when_the_prognosis_response_refers_to_an_unknown_prognosis() {
        DPrognosis prognosis = dPrognosis();

        assertThat(reasons(dPrognosisResponse(prognosis)))
                .containsExactly("Unknown reference D-PrognosisMessageID (" + prognosis.getMessageID() + ")");
    }

    @Test
    void should_accept_when_the_metering_response_refers_to_our_metering() {
        Metering metering = metering();
        context.store(metering, MessageStatus.SENT);

        assertThat(reasons(meteringResponse(metering))).isEmpty();
    }

    @Test
    void should_reject_when_the_metering_response_refers_to_unknown_metering() {
        Metering metering = metering();

        assertThat(reasons(meteringResponse(metering)))
                .containsExactly("Unknown reference MeteringMessageID (" + metering.getMessageID() + ")");
    }

    @Test
    void should_accept_when_the_portfolio_update_response_refers_to_our_update() {
        AGRPortfolioUpdate update = agrPortfolioUpdate();
        context.store(update, MessageStatus.SENT);

        assertThat(reasons(agrPortfolioUpdateResponse(update))).isEmpty();
    }

    @Test
    void should_accept_when_the_portfolio_query_response_is_for_the_queried_period() {
        AGRPortfolioQuery query = agrPortfolioQuery();
        context.store(query, MessageStatus.SENT);

        assertThat(reasons(agrPortfolioQueryResponse(query))).isEmpty();
    }

    @Test
    void should_reject_when_the_portfolio_query_response_is_for_another_period() {
        AGRPortfolioQuery query = agrPortfolioQuery();
        context.store(query, MessageStatus.SENT);
        AGRPortfolioQueryResponse response = agrPortfolioQueryResponse(query);
        response.setPeriod(LocalDate.of(2026, 3, 31));

        assertThat(reasons(response))
                .containsExactly("Reference Period mismatch (2026-03-31, AGRPortfolioQuery has 2026-03-30)");
    }

    @Test
    void should_reject_when_the_portfolio_query_response_has_another_time_zone() {
        AGRPortfolioQuery query = agrPortfolioQuery();
        context.store(query, MessageStatus.SENT);
        AGRPortfolioQueryResponse response = agrPortfolioQueryResponse(query);
        response.setTimeZone("Europe/London");

        assertThat(reasons(response))
                .containsExactly("TimeZone rejected (Europe/London has other UTC offsets than Europe/Amsterdam on 2026-03-30)");
    }

    @Test
    void should_accept_when_a_test_message_is_addressed_to_us() {
        assertThat(reasons(testMessage())).isEmpty();
    }

    @Test
    void should_reject_when_a_test_message_is_addressed_to_someone_else() {
        TestMessage message = testMessage();
        message.setRecipientDomain("someone-else.example.com");

        assertThat(reasons(message)).containsExactly("Unknown RecipientDomain (someone-else.example.com)");
    }
}
