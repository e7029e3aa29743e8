package io.flexhub.energy.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flexhub.selfconsumption.optimizer.Battery;
import io.flexhub.selfconsumption.optimizer.Building;
import io.flexhub.selfconsumption.optimizer.EvSession;
import io.flexhub.selfconsumption.optimizer.GridLimits;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer;

/**
 * KPIs of measured days, per day, week or month. Grid cost is what the meter's import and export cost at the
 * tariff. The baseline is the rule-based plan the optimizer reports its saving against, applied to what the day
 * really held: the measured PV and load, each charger's measured energy charged at full power from its first draw
 * of the day (the reference's "charge on arrival"), the site's battery run greedily from its configured state of
 * charge. Both are grid costs over the same measured ISPs, so the saving compares like with like. Ratios are of
 * sums over the period, never averages of daily ratios.
 */
public final class EnergyKpis {

    /** kW: a charger drawing less than this is idle (meter noise, standby). */
    static final double EV_IDLE_KW = 0.05;

    /** One site's measured ISPs and what prices them; arrays on {@code grid}, NaN where not measured. */
    public record Input(String siteId, IspGrid grid, double[] loadKw, double[] pvKw, double[] evKw, double[] batteryKw,
            double[] gridKw, Map<String, Charger> chargers, double[] importPrice, double[] exportPrice,
            double exportLimitKw, Battery battery) {
    }

    /** A charger's measured kW on the grid (NaN: not measured) and its rated power. */
    public record Charger(double[] kw, double ratedKw) {
    }

    /** A period's KPIs; ratios are null when the period has no PV (self-consumption) or no consumption. */
    public record Period(LocalDate start, int measuredIsps, double pvKwh, double loadKwh, double evKwh,
            double batteryKwh, double importKwh, double exportKwh, Double selfConsumptionRatio,
            Double selfSufficiency, double gridCostEur, double baselineCostEur) {

        public double savingEur() {
            return baselineCostEur - gridCostEur;
        }
    }

    private record DayTotals(int measured, double pv, double load, double ev, double battery, double imp,
            double exp, double cost, double baseline) {
    }

    private final SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();

    /**
     * @param starts period starts ({@link Resolution#starts} of day, week or month); a period without any measured
     *               ISP is left out
     */
    public List<Period> periods(Input in, List<Instant> starts, Resolution period, ZoneId zone) {
        List<Period> out = new ArrayList<>();
        for (int p = 0; p < starts.size(); p++) {
            Instant start = starts.get(p);
            Instant end = p + 1 < starts.size() ? starts.get(p + 1) : period.next(start, zone, in.grid().isp());
            int measured = 0;
            double pv = 0;
            double load = 0;
            double ev = 0;
            double battery = 0;
            double imp = 0;
            double exp = 0;
            double cost = 0;
            double baseline = 0;
            for (Instant d = start; d.isBefore(end); d = Resolution.DAY.next(d, zone, in.grid().isp())) {
                DayTotals t = day(in, in.grid().ceil(d), in.grid().ceil(Resolution.DAY.next(d, zone, in.grid().isp())));
                if (t == null) {
                    continue;
                }
                measured += t.measured;
                pv += t.pv;
                load += t.load;
                ev += t.ev;
                battery += t.battery;
                imp += t.imp;
                exp += t.exp;
                cost += t.cost;
                baseline += t.baseline;
            }
            if (measured == 0) {
                continue;
            }
            double consumption = load + ev + Math.max(0.0, battery);
            out.add(new Period(start.atZone(zone).toLocalDate(), measured, pv, load, ev, battery, imp, exp,
                    pv > 0 ? Math.max(0.0, 1 - exp / pv) : null,
                    consumption > 0 ? Math.max(0.0, 1 - imp / consumption) : null, cost, baseline));
        }
        return out;
    }

    /** Totals of the ISPs {@code [from, to)} (one local day); null when none of them is measured. */
    private DayTotals day(Input in, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return null;
        }
        double h = in.grid().hours();
        double[] pv = new double[n];
        double[] load = new double[n];
        int measured = 0;
        int last = -1;
        double sumPv = 0;
        double sumLoad = 0;
        double sumEv = 0;
        double sumBattery = 0;
        double imp = 0;
        double exp = 0;
        double cost = 0;
        for (int i = 0; i < n; i++) {
            int t = from + i;
            if (Double.isNaN(in.gridKw()[t])) {
                continue;
            }
            measured++;
            last = i;
            pv[i] = Math.max(0.0, in.pvKw()[t]);
            load[i] = Math.max(0.0, in.loadKw()[t]);
            sumPv += pv[i] * h;
            sumLoad += load[i] * h;
            sumEv += in.evKw()[t] * h;
            sumBattery += in.batteryKw()[t] * h;
            double g = in.gridKw()[t];
            double gin = Math.max(0.0, g) * h;
            double gout = Math.max(0.0, -g) * h;
            imp += gin;
            exp += gout;
            cost += in.importPrice()[t] * gin - in.exportPrice()[t] * gout;
        }
        if (measured == 0) {
            return null;
        }
        double[] importPrice = java.util.Arrays.copyOfRange(in.importPrice(), from, to);
        double[] exportPrice = java.util.Arrays.copyOfRange(in.exportPrice(), from, to);
        double[] exportMax = null;
        if (Double.isFinite(in.exportLimitKw()) && in.exportLimitKw() >= 0) {
            exportMax = new double[n];
            java.util.Arrays.fill(exportMax, in.exportLimitKw());
        }
        List<EvSession> sessions = new ArrayList<>();
        for (Map.Entry<String, Charger> c : in.chargers().entrySet()) {
            double[] kw = c.getValue().kw();
            double energy = 0;
            double peak = 0;
            int first = -1;
            for (int i = 0; i < n; i++) {
                double p = kw[from + i];
                if (!Double.isNaN(p) && p > EV_IDLE_KW) {
                    energy += p * h;
                    peak = Math.max(peak, p);
                    first = first < 0 ? i : first;
                }
            }
            if (first < 0) {
                continue;
            }
            double max = Math.max(peak, c.getValue().ratedKw());
            sessions.add(new EvSession(c.getKey(), null, energy, 0.0, 0.0, 1.0, max, 0.0, 1.0, first, last + 1,
                    energy, null));
        }
        Building b = new Building(in.siteId(), pv, load, importPrice, exportPrice, new GridLimits(null, exportMax),
                sessions, in.battery());
        double baseline = optimizer.ruleBased(b, h).gridCostEur();
        return new DayTotals(measured, sumPv, sumLoad, sumEv, sumBattery, imp, exp, cost, baseline);
    }
}
