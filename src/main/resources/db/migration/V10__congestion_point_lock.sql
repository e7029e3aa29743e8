-- One lock row per congestion point for everything that changes what its devices are committed to: building and
-- revoking offers, ordering them (validation, the ORDERED transition and the events in one transaction) and local
-- demand-response planning. The two tables it replaces locked different rows for the same point, so an order and a
-- revocation, or an order and a local plan, never waited for each other.
CREATE TABLE congestion_point_lock (
    congestion_point VARCHAR(512) PRIMARY KEY
);

INSERT INTO congestion_point_lock (congestion_point)
    SELECT congestion_point FROM flex_offer_lock
    UNION
    SELECT congestion_point FROM dr_planning_lock;

DROP TABLE flex_offer_lock;
DROP TABLE dr_planning_lock;
