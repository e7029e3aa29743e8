package io.flexhub.energy.model;

import java.time.Instant;

/**
 * A site's ISP as the charts read it, kW averages: {@code load} is consumption other than EV charging and the
 * battery, {@code pv} generation (>= 0), {@code battery} charging minus discharging, {@code grid} import minus
 * export.
 */
public record SiteIsp(Instant start, double loadKw, double pvKw, double evKw, double batteryKw, double gridKw) {

    /** The balance a site without its own meter reading has: what it uses minus what it generates. */
    public static double balance(double loadKw, double pvKw, double evKw, double batteryKw) {
        return loadKw + evKw + batteryKw - pvKw;
    }
}
