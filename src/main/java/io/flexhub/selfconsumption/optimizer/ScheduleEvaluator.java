package io.flexhub.selfconsumption.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Money, energy, plausibility and shortfalls of a schedule, computed the way the reference's
 * {@code evaluate()} does. The optimised plan and the rule-based baseline go through the same
 * code, so the saving compares like with like.
 */
final class ScheduleEvaluator {

    /** Below this a shortfall is solver noise, not something to report (kWh). */
    static final double REPORT_TOL_KWH = 1e-6;

    record Evaluation(EnergyBalance energy, ScheduleChecks checks, List<Shortfall> shortfalls) {
    }

    private ScheduleEvaluator() {
    }

    static Evaluation evaluate(Building b, List<EvSession> sessions, Schedule s, double dt) {
        int isps = b.isps();
        double[] gin = s.gridImportKw();
        double[] gout = s.gridExportKw();
        double cost = 0;
        double imp = 0;
        double exp = 0;
        double curt = 0;
        double pv = 0;
        double load = 0;
        double simGrid = 0;
        double overImport = 0;
        double overExport = 0;
        for (int t = 0; t < isps; t++) {
            cost += dt * (b.importPrice()[t] * gin[t] - b.exportPrice()[t] * gout[t]);
            imp += gin[t] * dt;
            exp += gout[t] * dt;
            curt += s.curtailedKw()[t] * dt;
            pv += b.pvKw()[t] * dt;
            load += b.loadKw()[t] * dt;
            simGrid = Math.max(simGrid, Math.min(gin[t], gout[t]));
            overImport += Math.max(0.0, gin[t] - b.grid().importMax(t)) * dt;
            overExport += Math.max(0.0, gout[t] - b.grid().exportMax(t)) * dt;
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        double cheapest = b.cheapestImportPrice();
        double value = 0;
        double evKwh = 0;
        double unmet = 0;
        int belowMin = 0;
        for (EvSession e : sessions) {
            double[] x = s.ev().get(e.id());
            double sum = 0;
            for (double p : x) {
                sum += p;
                if (e.minKw() > 0 && p > 1e-6 && p < e.minKw() - 1e-6) {
                    belowMin++;
                }
            }
            double val = e.surplusValueEurPerKwh() == null ? cheapest : e.surplusValueEurPerKwh();
            double missing = Math.max(0.0, e.requiredEnergyKwh() - (e.arrivalEnergyKwh() + e.chargeEff() * dt * sum));
            evKwh += sum * dt;
            unmet += missing;
            value += val * e.chargeEff() * dt * sum;
            report(shortfalls, Shortfall.Kind.EV_ENERGY, e.id(), missing);
        }
        double loss = 0;
        double simBatt = 0;
        Schedule.BatterySchedule bs = s.battery();
        Battery battery = b.battery();
        if (battery != null && bs != null) {
            double in = 0;
            double out = 0;
            for (int t = 0; t < isps; t++) {
                in += bs.chargeKw()[t];
                out += bs.dischargeKw()[t];
                simBatt = Math.max(simBatt, Math.min(bs.chargeKw()[t], bs.dischargeKw()[t]));
            }
            double delta = bs.energyKwh()[isps - 1] - battery.initialEnergyKwh();
            loss = dt * (in - out) - delta;
            double vterm = battery.terminalValueEurPerKwh() == null
                    ? cheapest * battery.dischargeEff() : battery.terminalValueEurPerKwh();
            value += vterm * delta;
            double target = Math.min(battery.finalMinEnergyKwh(), battery.maxEnergyKwh());
            if (target > battery.minEnergyKwh()) {
                report(shortfalls, Shortfall.Kind.BATTERY_FINAL_ENERGY, b.id(), target - bs.energyKwh()[isps - 1]);
            }
            double e0 = battery.initialEnergyKwh();
            report(shortfalls, Shortfall.Kind.BATTERY_OUT_OF_BOUNDS, b.id(),
                    Math.max(battery.minEnergyKwh() - e0, e0 - battery.maxEnergyKwh()));
        }
        report(shortfalls, Shortfall.Kind.IMPORT_LIMIT, b.id(), overImport);
        report(shortfalls, Shortfall.Kind.EXPORT_LIMIT, b.id(), overExport);
        EnergyBalance energy = new EnergyBalance(cost, value, pv, load, imp, exp, curt, evKwh, unmet, loss);
        return new Evaluation(energy, new ScheduleChecks(simGrid, simBatt, belowMin), List.copyOf(shortfalls));
    }

    private static void report(List<Shortfall> out, Shortfall.Kind kind, String subject, double kwh) {
        if (kwh > REPORT_TOL_KWH) {
            out.add(new Shortfall(kind, subject, kwh));
        }
    }
}
