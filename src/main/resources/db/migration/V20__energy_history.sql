-- Energy history behind the building page (io.flexhub.energy.EnergyStore owns these tables). Power is kW, the average
-- over the ISP that starts at isp_start (the market's ISP length), positive = consumption.

-- Readings as received (broker notifications, the temporal API): one per device and observation time, so a reading
-- delivered twice (a repeated notification, a notification and the temporal API) is stored once.
CREATE TABLE energy_sample (
    device_id   VARCHAR(255) NOT NULL,
    observed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kw          DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (device_id, observed_at)
);

-- Per device and ISP: the mean of its readings there (broker) or the simulated meter's value (embedded demo). Read by
-- device (the primary key's prefix); no second index, which would double the cost of a backfill.
CREATE TABLE energy_device_isp (
    device_id   VARCHAR(255) NOT NULL,
    isp_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    site_id     VARCHAR(255) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,             -- io.flexhub.site.DeviceKind of the device when measured
    kw          DOUBLE PRECISION NOT NULL,
    samples     INTEGER      NOT NULL,             -- readings behind kw; 0 for simulated values
    PRIMARY KEY (device_id, isp_start)
);

-- Per site and ISP, derived from its device rows: what the charts and KPIs read (one row per ISP keeps a year of a
-- building at 35,040 rows). load = consumption other than EV charging and the battery, pv = generation (>= 0),
-- battery = charging minus discharging, grid = import minus export (the meter, or the balance without one).
CREATE TABLE energy_site_isp (
    site_id     VARCHAR(255) NOT NULL,
    isp_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    load_kw     DOUBLE PRECISION NOT NULL,
    pv_kw       DOUBLE PRECISION NOT NULL,
    ev_kw       DOUBLE PRECISION NOT NULL,
    battery_kw  DOUBLE PRECISION NOT NULL,
    grid_kw     DOUBLE PRECISION NOT NULL,
    source      VARCHAR(16)  NOT NULL,             -- MEASURED | SIMULATED
    PRIMARY KEY (site_id, isp_start)
);
