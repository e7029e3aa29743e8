-- One row per congestion point, locked while an offer is queued, so that of two FlexRequests answered at once on
-- different instances the second sees (and revokes) the first one's offer.
CREATE TABLE flex_offer_lock (
    congestion_point VARCHAR(512) PRIMARY KEY
);
