package io.flexhub.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.flexhub.analytics.model.OfferSeen;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.transport.UftpTransportException;

/**
 * The offers seen on H2, and one the hub itself makes: a DSO asks the demo building for less consumption over real
 * HTTP, the hub offers, the DSO orders the offer in full, and the rate plans' source sees it, ordered, at its price.
 */
class StoredOffersSeenTest extends H2HubTest implements StoredOffersSeenScenarios {

    @Autowired
    OffersSeen offersSeen;
    @Autowired
    FlexOfferStore offers;
    @Autowired
    UftpMessageStore messages;

    @Override
    public OffersSeen offersSeen() {
        return offersSeen;
    }

    @Override
    public StoredOffers stored() {
        return new StoredOffers(offers, messages);
    }

    @Test
    void an_offer_the_hub_made_and_the_dso_ordered_is_seen_with_its_price_volume_and_site() {
        dsoAccepts();
        FlexRequest request = DSO.flexRequest();
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        FlexOffer offer = awaitOffer(request.getConversationID());
        FlexOfferOptionType option = offer.getOfferOptions().get(0);
        List<Integer> isps = new ArrayList<>();
        double kwh = 0.0;
        for (FlexOfferOptionISPType isp : option.getISPS()) {
            for (long t = isp.getStart(); t < isp.getStart() + isp.getDuration(); t++) {
                if (isp.getPower() != 0) {
                    isps.add((int) t);
                    kwh += Math.abs(isp.getPower()) / 1000.0 * 0.25;
                }
            }
        }
        assertThat(isps).isNotEmpty();
        double price = option.getPrice().doubleValue();
        double volume = kwh;
        // the store keeps the engine's kW; the message carries them rounded to whole watts
        double rounding = isps.size() * 0.5 / 1000.0 * 0.25;
        // other tests of this context offer the same building for the same day, maybe the same offer: count
        Predicate<OfferSeen> thisOffer = o -> o.isps().equals(isps) && Math.abs(o.priceEur() - price) < 1e-9
                && Math.abs(o.volumeKwh() - volume) <= rounding;
        List<OfferSeen> before = offersSeen.offers(request.getCongestionPoint(), request.getPeriod(), request.getPeriod());
        assertThat(before).filteredOn(thisOffer).filteredOn(o -> !o.ordered())
                .extracting(OfferSeen::site).contains(null, SITE);

        FlexOrder order = DSO.orderInFull(offer, "RATE-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getResult()).as(response.getRejectionReason()).isEqualTo(AcceptedRejectedType.ACCEPTED);

        List<OfferSeen> after = offersSeen.offers(request.getCongestionPoint(), request.getPeriod(), request.getPeriod());
        assertThat(after).hasSameSizeAs(before);
        // the same offer, now ordered: once for the point, once for the demo building whose devices it planned
        for (String site : Arrays.asList(null, SITE)) {
            Predicate<OfferSeen> mine = thisOffer.and(o -> Objects.equals(o.site(), site));
            assertThat(after.stream().filter(mine).filter(OfferSeen::ordered).count()).as("ordered, site " + site)
                    .isEqualTo(before.stream().filter(mine).filter(OfferSeen::ordered).count() + 1);
            assertThat(after.stream().filter(mine).filter(o -> !o.ordered()).count()).as("open, site " + site)
                    .isEqualTo(before.stream().filter(mine).filter(o -> !o.ordered()).count() - 1);
        }
    }

    private FlexOffer awaitOffer(String conversationId) {
        AtomicReference<FlexOffer> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (LoggedRequest r : DSO_SERVER.findAll(postRequestedFor(urlEqualTo(DSO_PATH)))) {
                try {
                    if (UftpTestPeer.parse(UftpTestPeer.codec().parse(r.getBody()).open(List.of(hubKey())))
                            instanceof FlexOffer o && conversationId.equals(o.getConversationID())) {
                        found.set(o);
                    }
                } catch (UftpTransportException otherHub) {
                    // a message signed by another test context's hub
                }
            }
            return found.get() != null;
        });
        return found.get();
    }
}
