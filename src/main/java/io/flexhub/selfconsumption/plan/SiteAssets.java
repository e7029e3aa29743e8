package io.flexhub.selfconsumption.plan;

import java.time.LocalTime;
import java.util.List;

/**
 * What the optimiser plans at a site besides forecasts: the EV sessions expected for the day and the stationary
 * battery. Times are the site's local time; an arrival after the departure crosses midnight (20:00-08:00).
 *
 * @param tariff null: the hub's configured tariff
 */
public record SiteAssets(String siteId, Tariff tariff, List<EvAsset> evSessions, BatteryAsset battery) {

    public SiteAssets {
        evSessions = evSessions == null ? List.of() : List.copyOf(evSessions);
    }

    public static SiteAssets none(String siteId) {
        return new SiteAssets(siteId, null, List.of(), null);
    }

    /**
     * An expected charging session at a charger.
     *
     * @param soc          state of charge at arrival (fraction)
     * @param requiredKwh  energy that must be stored at departure (trip need + reserve)
     */
    public record EvAsset(String id, String chargerId, String vehicle, LocalTime arrival, LocalTime departure,
            double capacityKwh, double soc, double socMin, double socMax, double minKw, double maxKw,
            double chargeEfficiency, double requiredKwh) {

        public EvAsset {
            if (id == null || chargerId == null || arrival == null || departure == null) {
                throw new IllegalArgumentException("EV session needs id, charger, arrival and departure");
            }
        }
    }

    /** @param roundTripEfficiency split as its square root into charge and discharge efficiency */
    public record BatteryAsset(String deviceId, double capacityKwh, double soc, double socMin, double socMax,
            double maxChargeKw, double maxDischargeKw, double roundTripEfficiency) {

        public BatteryAsset {
            if (deviceId == null) {
                throw new IllegalArgumentException("battery needs a device id");
            }
        }
    }
}
