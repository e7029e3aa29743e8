package io.flexhub.selfconsumption.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's rule-based plan, the yardstick for the saving: each EV charges at full power
 * from arrival until its need is met, the battery does greedy self-consumption (charge from
 * surplus, discharge into deficit), the grid takes the rest (import limit not enforced, export
 * above the cap curtailed).
 *
 * <p>Two deliberate differences from {@code baseline()} in {@code ref_selfconsumption.py}, both
 * outside the shipped instances: the battery uses its own charge/discharge efficiencies (the
 * reference assumes a 0.9 round trip whenever {@code roundtrip_eff} is absent), and a battery that
 * starts below {@code soc_min} or above {@code soc_max} is left idle instead of being moved with a
 * negative "discharge".
 */
final class RuleBasedBaseline {

    private RuleBasedBaseline() {
    }

    static Schedule plan(Building b, List<EvSession> sessions, double dt) {
        int isps = b.isps();
        double[] net = new double[isps];
        for (int t = 0; t < isps; t++) {
            net[t] = b.loadKw()[t] - b.pvKw()[t];
        }
        Map<String, double[]> ev = new LinkedHashMap<>();
        for (EvSession e : sessions) {
            double[] x = new double[isps];
            double need = Math.max(0.0, e.requiredEnergyKwh() - e.arrivalEnergyKwh());
            for (int t = Math.max(0, e.arrivalIsp()); t < Math.min(isps, e.departureIsp()) && need > 1e-9; t++) {
                double p = Math.min(e.maxKw(), need / (e.chargeEff() * dt));
                x[t] = p;
                net[t] += p;
                need -= p * e.chargeEff() * dt;
            }
            ev.put(e.id(), x);
        }
        Schedule.BatterySchedule battery = b.battery() == null ? null : greedyBattery(b.battery(), net, dt);
        double[] gin = new double[isps];
        double[] gout = new double[isps];
        double[] curt = new double[isps];
        for (int t = 0; t < isps; t++) {
            gin[t] = Math.max(net[t], 0.0);
            double surplus = Math.max(-net[t], 0.0);
            gout[t] = Math.min(surplus, b.grid().exportMax(t));
            curt[t] = surplus - gout[t];
        }
        return new Schedule(gin, gout, curt, ev, battery);
    }

    /** Runs the battery against {@code net} (load minus generation) and nets its power into it. */
    private static Schedule.BatterySchedule greedyBattery(Battery bat, double[] net, double dt) {
        int isps = net.length;
        double ec = bat.chargeEff();
        double ed = bat.dischargeEff();
        double e = bat.initialEnergyKwh();
        double emin = bat.minEnergyKwh();
        double emax = bat.maxEnergyKwh();
        double[] ch = new double[isps];
        double[] dis = new double[isps];
        double[] energy = new double[isps];
        for (int t = 0; t < isps; t++) {
            if (net[t] < 0) {
                double p = Math.max(0.0, Math.min(Math.min(-net[t], bat.maxChargeKw()), (emax - e) / (ec * dt)));
                e += p * ec * dt;
                net[t] += p;
                ch[t] = p;
            } else {
                double p = Math.max(0.0, Math.min(Math.min(net[t], bat.maxDischargeKw()), (e - emin) * ed / dt));
                e -= p * dt / ed;
                net[t] -= p;
                dis[t] = p;
            }
            energy[t] = e;
        }
        return new Schedule.BatterySchedule(ch, dis, energy);
    }
}
