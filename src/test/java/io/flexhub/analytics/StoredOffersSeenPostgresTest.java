package io.flexhub.analytics;

import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.flex.FlexOfferStore;
import io.flexhub.support.PostgresHubTest;
import io.flexhub.usef.store.UftpMessageStore;

/** The offers seen on PostgreSQL, the production database. */
class StoredOffersSeenPostgresTest extends PostgresHubTest implements StoredOffersSeenScenarios {

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
}
