package io.flexhub.selfconsumption.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Spanish 2.0TD energy term (three periods) plus a flat surplus compensation, EUR/kWh. Working days: punta (P1)
 * 10-14 h and 18-22 h, llano (P2) 8-10 h, 14-18 h and 22-24 h, valle (P3) 0-8 h; Saturdays and Sundays all valle.
 * National holidays are not known here and priced as working days. Hours are the site's local time at the start of
 * each ISP. Defaults are the reference generator's (Som Energia 2.0TD, pre-tax; export 0.05 assumed).
 */
public record Tariff(double puntaEurPerKwh, double llanoEurPerKwh, double valleEurPerKwh, double exportEurPerKwh) {

    public static final Tariff SPANISH_2_0TD = new Tariff(0.226, 0.157, 0.119, 0.05);

    public Tariff {
        for (double p : new double[] {puntaEurPerKwh, llanoEurPerKwh, valleEurPerKwh, exportEurPerKwh}) {
            if (!Double.isFinite(p) || p < 0) {
                throw new IllegalArgumentException("tariff prices must be finite EUR/kWh >= 0, got " + p);
            }
        }
    }

    public double[] importPrices(Instant start, Duration isp, int count, ZoneId zone) {
        double[] out = new double[count];
        for (int t = 0; t < count; t++) {
            out[t] = importPrice(ZonedDateTime.ofInstant(start.plus(isp.multipliedBy(t)), zone));
        }
        return out;
    }

    public double[] exportPrices(int count) {
        double[] out = new double[count];
        java.util.Arrays.fill(out, exportEurPerKwh);
        return out;
    }

    double importPrice(ZonedDateTime local) {
        DayOfWeek d = local.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
            return valleEurPerKwh;
        }
        int h = local.getHour();
        if (h < 8) {
            return valleEurPerKwh;
        }
        if ((h >= 10 && h < 14) || (h >= 18 && h < 22)) {
            return puntaEurPerKwh;
        }
        return llanoEurPerKwh;
    }
}
