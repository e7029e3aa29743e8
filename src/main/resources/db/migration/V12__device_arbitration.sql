-- What each device was told, and what the broker answered (broker mode records every command too).
ALTER TABLE site_actuation ADD COLUMN control_mode VARCHAR(32);
ALTER TABLE site_actuation ADD COLUMN outcome VARCHAR(16);          -- RECORDED | APPLIED | REFUSED | NOT_KEPT | UNREACHABLE
ALTER TABLE site_actuation ADD COLUMN broker_status INTEGER;        -- HTTP status of the write; null when none came
ALTER TABLE site_actuation ADD COLUMN broker_title VARCHAR(255);    -- ProblemDetails title
ALTER TABLE site_actuation ADD COLUMN broker_detail TEXT;           -- ProblemDetails detail, or what the read-back showed

-- The plan an internal request belongs to (e.g. pv-surplus of one site and day): a new plan with the same key
-- cancels the earlier plan's events first.
ALTER TABLE dr_event ADD COLUMN plan_key VARCHAR(255);
CREATE INDEX ix_dr_event_plan ON dr_event (plan_key);

-- Per device: the demand-response event holding it, what the device had before that event first commanded it
-- (restored at the end), and the schedule's latest setpoint (resumed after the event).
CREATE TABLE device_control (
    device_id          VARCHAR(255) PRIMARY KEY,
    event_ref          VARCHAR(255),                    -- e.g. dr-event-12; null: no event holds the device
    event_start        TIMESTAMP WITH TIME ZONE,
    prior_known        BOOLEAN      DEFAULT FALSE NOT NULL,
    prior_power_kw     DOUBLE PRECISION,                -- null: the device had no powerLimit
    prior_control_mode VARCHAR(32),
    schedule_command   VARCHAR(16),                     -- SETPOINT | RESTORE
    schedule_power_kw  DOUBLE PRECISION,
    schedule_at        TIMESTAMP WITH TIME ZONE,
    schedule_ref       VARCHAR(255),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
