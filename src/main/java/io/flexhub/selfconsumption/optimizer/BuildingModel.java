package io.flexhub.selfconsumption.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LP of section 3.1 of the optimisation reference for one building, with the same coefficients
 * as {@code ref_selfconsumption.py} so that {@code objective_total} can be compared to 1e-6.
 *
 * <p>Two objectives live on the same columns: the cost objective (grid cost, value of stored
 * energy, penalties and tie-breaks) and the stage-1 objective of the self-consumption mode
 * (import energy plus unmet EV energy). The model is leaner than the reference's matrix, with the
 * same optimum: columns whose bounds are both zero (curtailment at night, export under a zero
 * cap, EV charging into a full vehicle) or that no executable plan uses (export in an ISP without PV
 * or battery) are not created, and an EV capacity row is only written when full power over the
 * whole window could overfill the vehicle.
 */
final class BuildingModel {

    /** EUR/kWh: prefer self-consumption among equal-cost plans. */
    static final double EPS_EXPORT = 1e-4;
    /** EUR/kWh: prefer export over curtailment at zero export price. */
    static final double EPS_CURTAIL = 2e-4;
    /** EUR/kWh over the horizon: charge EVs sooner among ties. */
    static final double EPS_SOONER = 1e-5;
    /**
     * EUR/kWh of battery throughput. It must exceed {@code EPS_CURTAIL*(1-eta_rt)/(1+eta_rt)},
     * or cycling the battery "burns" surplus PV more cheaply than curtailing it (section 3.1.2).
     */
    static final double EPS_BATT = 1e-4;
    /** Unmet EV energy costs this many times the dearest import price (evcc's tiers). */
    static final double PEN_FACTOR = 100.0;
    /**
     * Exceeding a grid limit (only in the elastic fallback) costs this many times the unmet-energy
     * penalty, so that an EV or a battery target is given up before a connection limit.
     */
    static final double GRID_PEN_FACTOR = 10.0;

    final Building building;
    final int isps;
    final double dt;
    final boolean elastic;
    final LinearProgram lp = new LinearProgram();
    /** Column index per ISP, -1 where the column is fixed at zero and therefore not created. */
    final int[] gin;
    final int[] gout;
    final int[] curt;
    /** Elastic columns (only in the fallback model): grid exchange beyond the limits. */
    final int[] overImport;
    final int[] overExport;
    final List<EvColumns> evs = new ArrayList<>();
    final BatteryColumns battery;
    /** Unmet-energy penalty M, EUR/kWh. */
    final double penalty;

    private double[] costObjective = new double[64];
    private double[] importObjective = new double[64];
    private final int firstBalanceRow;

    /** Columns of one EV session; {@code x} are contiguous from {@code first}. */
    record EvColumns(EvSession session, int arrival, int departure, int first, int slack,
            double eta, double arrivalKwh, double requiredKwh, double valueEurPerKwh) {

        int count() {
            return first < 0 ? 0 : departure - arrival;
        }
    }

    /** Columns of the battery; ch, dis and E are contiguous blocks of length {@code isps}. */
    record BatteryColumns(Battery battery, int charge, int discharge, int energy, int finalShortfall,
            double chargeEff, double dischargeEff, double terminalValue, double finalTargetKwh) {
    }

    BuildingModel(Building building, List<EvSession> sessions, int isps, double dt, boolean elastic) {
        this.building = building;
        this.isps = isps;
        this.dt = dt;
        this.elastic = elastic;
        double[] pin = building.importPrice();
        double[] pout = building.exportPrice();
        penalty = PEN_FACTOR * penaltyPriceBase(pin, pout);

        firstBalanceRow = lp.rows();
        for (int t = 0; t < isps; t++) {
            double rhs = building.loadKw()[t] - building.pvKw()[t];
            lp.addRow(rhs, rhs);
        }
        gin = new int[isps];
        gout = new int[isps];
        curt = new int[isps];
        GridLimits grid = building.grid();
        // headroom prices the exchange in the objective only: without it the coefficients are exactly the plain ones
        GridHeadroom room = building.headroom();
        for (int t = 0; t < isps; t++) {
            double price = room == null ? pin[t] : pin[t] + room.importEurPerKwh()[t];
            gin[t] = balanceColumn(t, 1.0, grid.importMax(t), dt * price, dt);
        }
        for (int t = 0; t < isps; t++) {
            double cost = -dt * pout[t] + dt * EPS_EXPORT;
            if (room != null) {
                cost += dt * room.exportEurPerKwh()[t];
            }
            gout[t] = balanceColumn(t, -1.0, nothingToExport(t) ? 0.0 : grid.exportMax(t), cost, 0.0);
        }
        for (int t = 0; t < isps; t++) {
            curt[t] = balanceColumn(t, -1.0, building.pvKw()[t], dt * EPS_CURTAIL, 0.0);
        }
        if (elastic) {
            double gridPenalty = GRID_PEN_FACTOR * penalty * dt;
            overImport = new int[isps];
            overExport = new int[isps];
            for (int t = 0; t < isps; t++) {
                overImport[t] = balanceColumn(t, 1.0, Double.POSITIVE_INFINITY, gridPenalty, GRID_PEN_FACTOR * PEN_FACTOR * dt);
                overExport[t] = balanceColumn(t, -1.0, Double.POSITIVE_INFINITY, gridPenalty, GRID_PEN_FACTOR * PEN_FACTOR * dt);
            }
        } else {
            overImport = null;
            overExport = null;
        }
        double cheapest = building.cheapestImportPrice();
        for (EvSession session : sessions) {
            evs.add(addSession(session, cheapest));
        }
        battery = building.battery() == null ? null : addBattery(building.battery(), cheapest);
    }

    /**
     * Without PV or a battery an ISP has nothing of its own to export; an export column there could
     * only carry import straight back out, which no executable plan does. Leaving it out keeps
     * about 15 % of a battery-less building's columns out of the simplex tableau.
     */
    private boolean nothingToExport(int t) {
        return building.pvKw()[t] <= 0.0 && building.battery() == null && building.loadKw()[t] >= 0.0;
    }

    /**
     * The base of the unmet-energy penalty: the reference's dearest import price, guarded so that a
     * day of non-positive prices cannot turn the penalty into a reward for unmet energy.
     */
    private static double penaltyPriceBase(double[] pin, double[] pout) {
        double max = Double.NEGATIVE_INFINITY;
        double maxAbs = 1e-3;
        for (double p : pin) {
            max = Math.max(max, p);
            maxAbs = Math.max(maxAbs, Math.abs(p));
        }
        for (double p : pout) {
            maxAbs = Math.max(maxAbs, Math.abs(p));
        }
        return Math.max(max, maxAbs);
    }

    private int balanceColumn(int t, double sign, double upper, double cost, double importCost) {
        if (upper <= 0.0) {
            return -1;
        }
        int j = column(0.0, upper, cost, importCost);
        lp.set(firstBalanceRow + t, j, sign);
        return j;
    }

    private int column(double lower, double upper, double cost, double importCost) {
        int j = lp.addColumn(lower, upper);
        if (j >= costObjective.length) {
            costObjective = Arrays.copyOf(costObjective, costObjective.length * 2);
            importObjective = Arrays.copyOf(importObjective, importObjective.length * 2);
        }
        costObjective[j] = cost;
        importObjective[j] = importCost;
        return j;
    }

    private EvColumns addSession(EvSession e, double cheapestImport) {
        int a = Math.max(0, e.arrivalIsp());
        int d = Math.min(isps, e.departureIsp());
        double eta = e.chargeEff();
        double s0 = e.arrivalEnergyKwh();
        double room = e.maxEnergyKwh() - s0;
        double req = e.requiredEnergyKwh();
        double value = e.surplusValueEurPerKwh() == null ? cheapestImport : e.surplusValueEurPerKwh();
        int n = d - a;
        int first = -1;
        if (n > 0 && e.maxKw() > 0.0 && room > 0.0) {
            for (int t = a; t < d; t++) {
                int j = column(0.0, e.maxKw(), dt * (EPS_SOONER * t / isps) - value * eta * dt, 0.0);
                lp.set(firstBalanceRow + t, j, -1.0);
                if (first < 0) {
                    first = j;
                }
            }
            if (eta * dt * e.maxKw() * n > room) {
                int cap = lp.addRow(Double.NEGATIVE_INFINITY, room);
                for (int k = 0; k < n; k++) {
                    lp.set(cap, first + k, eta * dt);
                }
            }
        }
        int slack = -1;
        if (req > s0) {
            slack = column(0.0, Double.POSITIVE_INFINITY, penalty, PEN_FACTOR);
            int need = lp.addRow(req - s0, Double.POSITIVE_INFINITY);
            lp.set(need, slack, 1.0);
            for (int k = 0; first >= 0 && k < n; k++) {
                lp.set(need, first + k, eta * dt);
            }
        }
        return new EvColumns(e, a, d, first, slack, eta, s0, req, value);
    }

    private BatteryColumns addBattery(Battery b, double cheapestImport) {
        double ec = b.chargeEff();
        double ed = b.dischargeEff();
        double e0 = b.initialEnergyKwh();
        double emin = b.minEnergyKwh();
        double emax = b.maxEnergyKwh();
        double vterm = b.terminalValueEurPerKwh() == null ? cheapestImport * ed : b.terminalValueEurPerKwh();
        double cw = dt * EPS_BATT;
        int ch = -1;
        int dis = -1;
        for (int t = 0; t < isps; t++) {
            int j = column(0.0, b.maxChargeKw(), cw, 0.0);
            ch = t == 0 ? j : ch;
        }
        for (int t = 0; t < isps; t++) {
            int j = column(0.0, b.maxDischargeKw(), cw, 0.0);
            dis = t == 0 ? j : dis;
        }
        int energy = -1;
        for (int t = 0; t < isps; t++) {
            // A battery that starts outside [Emin, Emax] (a reachable physical state) gets the
            // bound it can reach by charging or discharging at full power, not an infeasible model.
            double lower = Math.min(emin, e0 + ec * dt * b.maxChargeKw() * (t + 1));
            double upper = Math.max(emax, e0 - dt / ed * b.maxDischargeKw() * (t + 1));
            int j = column(lower, upper, t == isps - 1 ? -vterm : 0.0, 0.0);
            energy = t == 0 ? j : energy;
        }
        for (int t = 0; t < isps; t++) {
            // E_t - E_{t-1} - ec dt ch_t + dt/ed dis_t = 0,  E_{-1} = E0
            int row = lp.addRow(t == 0 ? e0 : 0.0, t == 0 ? e0 : 0.0);
            lp.set(row, energy + t, 1.0);
            if (t > 0) {
                lp.set(row, energy + t - 1, -1.0);
            }
            lp.set(row, ch + t, -ec * dt);
            lp.set(row, dis + t, dt / ed);
            lp.set(firstBalanceRow + t, dis + t, 1.0);
            lp.set(firstBalanceRow + t, ch + t, -1.0);
        }
        // The end-of-day target is soft (penalised like unmet EV energy) so that an unreachable
        // target is reported instead of making the day infeasible; when it is reachable the
        // penalty exceeds any gain from missing it and the optimum is the reference's.
        double target = Math.min(b.finalMinEnergyKwh(), emax);
        int shortfall = -1;
        if (target > emin) {
            shortfall = column(0.0, Double.POSITIVE_INFINITY, penalty, PEN_FACTOR);
            int row = lp.addRow(target, Double.POSITIVE_INFINITY);
            lp.set(row, energy + isps - 1, 1.0);
            lp.set(row, shortfall, 1.0);
        }
        return new BatteryColumns(b, ch, dis, energy, shortfall, ec, ed, vterm, target);
    }

    /** Stage 2 of the self-consumption mode: import no more than the stage-1 optimum allows. */
    void capImport(double importKwh) {
        int row = lp.addRow(Double.NEGATIVE_INFINITY, importKwh * (1 + 1e-6) + 1e-6);
        for (int t = 0; t < isps; t++) {
            if (gin[t] >= 0) {
                lp.set(row, gin[t], dt);
            }
            if (overImport != null) {
                lp.set(row, overImport[t], dt);
            }
        }
    }

    /** Import can never exceed what the building can absorb in the ISP while it does not export. */
    double physicalImportBound(int t) {
        double bound = building.loadKw()[t];
        for (EvColumns e : evs) {
            if (e.count() > 0 && t >= e.arrival() && t < e.departure()) {
                bound += e.session().maxKw();
            }
        }
        return bound + (battery == null ? 0.0 : battery.battery().maxChargeKw());
    }

    /** Export can never exceed PV plus battery discharge while the building does not import. */
    double physicalExportBound(int t) {
        return building.pvKw()[t] + (battery == null ? 0.0 : battery.battery().maxDischargeKw());
    }

    double[] costObjective() {
        return Arrays.copyOf(costObjective, lp.columns());
    }

    double[] importObjective() {
        return Arrays.copyOf(importObjective, lp.columns());
    }

    /** Import energy of a solution (kWh), including any import beyond the limit. */
    double importKwh(double[] x) {
        double sum = 0.0;
        for (int t = 0; t < isps; t++) {
            sum += importKw(x, t);
        }
        return sum * dt;
    }

    double importKw(double[] x, int t) {
        return value(x, gin[t]) + (overImport == null ? 0.0 : x[overImport[t]]);
    }

    double exportKw(double[] x, int t) {
        return value(x, gout[t]) + (overExport == null ? 0.0 : x[overExport[t]]);
    }

    static double value(double[] x, int column) {
        return column < 0 ? 0.0 : x[column];
    }
}
