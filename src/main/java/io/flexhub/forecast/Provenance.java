package io.flexhub.forecast;

/** Where a day-ahead forecast came from; stated in the nightly report and stored with the forecast. */
public enum Provenance {
    /** Forecast entities in the context broker, fresh enough. */
    BROKER,
    /** Asked from the forecasting service during the run. */
    SERVICE,
    /** Computed by the hub: same weekday and ISP from past forecasts, else the devices' baselines. */
    HISTORY
}
