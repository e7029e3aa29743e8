-- History of every FlexRequest the hub received or imported, kept for grid-pattern analytics (io.flexhub.analytics).
-- One row per message; the latest revision per (congestion point, period) is the one analytics counts.
-- Owner: io.flexhub.analytics.history.
CREATE TABLE flex_request_history (
    message_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    congestion_point  VARCHAR(255) NOT NULL,
    period            DATE         NOT NULL,
    revision          INTEGER      NOT NULL,
    sender_domain     VARCHAR(255) NOT NULL,
    -- the message's TimeStamp: lead time is the distance from here to each ISP's start
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    time_zone         VARCHAR(64)  NOT NULL,
    isp_duration_min  INTEGER      NOT NULL,
    -- ISPs of the period in its time zone (92, 96 or 100 on DST days with 15-minute ISPs)
    isp_count         INTEGER      NOT NULL,
    -- 'received' (through the UFTP endpoint) or 'imported' (archive upload)
    source            VARCHAR(16)  NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX flex_request_history_cp_period ON flex_request_history (congestion_point, period, revision);

-- One row per ISP listed in the message, expanded from Start/Duration (1-based UFTP numbering), powers in W.
CREATE TABLE flex_request_history_isp (
    message_id   VARCHAR(64) NOT NULL REFERENCES flex_request_history (message_id) ON DELETE CASCADE,
    isp          INTEGER     NOT NULL,
    requested    BOOLEAN     NOT NULL,
    min_power_w  BIGINT      NOT NULL,
    max_power_w  BIGINT      NOT NULL,
    PRIMARY KEY (message_id, isp)
);
