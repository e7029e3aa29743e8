package io.flexhub.flex.optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reproducible flex-offer instances: {@link #congestionPoint} for benchmarks (a feeder with HVAC, EVs and water
 * heaters under an evening congestion request), {@link #varied} for fixtures and property tests (every feature of
 * the schema, both directions, edge cases). {@code main} writes the fixture instances
 * ({@code scripts/flexoffer-fixtures.sh}).
 */
final class FlexOfferInstances {

    private static final double[] EV_POWERS_KW = {3.7, 7.4, 11.0};
    private static final double[] CURTAIL_WEIGHTS = {1.0, 1.5, 2.0};

    private FlexOfferInstances() {
    }

    /**
     * {@code devices} devices behind one congestion point under a 17:00-21:00 reduce request, with room elsewhere
     * (less around noon). Heat pumps have individual baselines; lighting, EV sessions and water heaters come from a
     * small catalogue (arrival, departure, charging time, budget) in any size, the way a planner describes a fleet.
     */
    static FlexOfferProblem congestionPoint(long seed, int devices) {
        return congestionPoint(seed, devices, true);
    }

    /** As {@link #congestionPoint(long, int)}, but every EV session different (arrival, stay, energy). */
    static FlexOfferProblem distinctCongestionPoint(long seed, int devices) {
        return congestionPoint(seed, devices, false);
    }

    private static FlexOfferProblem congestionPoint(long seed, int devices, boolean catalogue) {
        Random rng = new Random(seed);
        int n = 96;
        List<ControllableDevice> controllable = new ArrayList<>();
        List<ShiftableDevice> shiftable = new ArrayList<>();
        double eveningKw = 0.0;
        for (int i = 0; i < devices; i++) {
            double kind = rng.nextDouble();
            if (kind < 0.35) {
                ControllableDevice d = hvac(rng, "hp-" + i, n);
                controllable.add(new ControllableDevice(d.id(), d.baselineKw(), d.factor(), d.weight(), null));
            } else if (kind < 0.45) {
                controllable.add(lighting(rng, "light-" + i, n));
            } else if (kind < 0.85 && !catalogue) {
                int arrival = 64 + rng.nextInt(16);
                shiftable.add(ev(rng, "ev-" + i, n, arrival, n - arrival + 24 + rng.nextInt(12)));
            } else if (kind < 0.85) {
                int[] arrivals = {68, 72, 76};
                int[] departures = {28, 32};
                int[] chargingIsps = {4, 8, 12};
                int arrival = arrivals[rng.nextInt(arrivals.length)];
                int plugged = n - arrival + departures[rng.nextInt(departures.length)];
                double power = EV_POWERS_KW[rng.nextInt(EV_POWERS_KW.length)];
                shiftable.add(ev("ev-" + i, n, arrival, plugged, power, chargingIsps[rng.nextInt(3)] * power * 0.25));
            } else {
                shiftable.add(waterHeater("boiler-" + i, n, 68 + 4 * rng.nextInt(2), 8, 2.0 + 2.5 * rng.nextDouble()));
            }
        }
        for (ControllableDevice d : controllable) {
            eveningKw += d.factor() * d.baselineKw().get(76);
        }
        for (ShiftableDevice d : shiftable) {
            eveningKw += d.baselineKw().get(76);
        }
        List<RequestIsp> isps = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (t >= 68 && t < 84) {
                isps.add(RequestIsp.requested(t + 1, round(0.3 * eveningKw), round(0.7 * eveningKw)));
            } else {
                double room = (t >= 40 && t < 56 ? 0.2 : 1.0) * (0.5 + 0.5 * rng.nextDouble()) * eveningKw;
                isps.add(RequestIsp.available(t + 1, round(room)));
            }
        }
        return new FlexOfferProblem(n, 15, new FlexRequest(Direction.REDUCE, isps), null, controllable, shiftable);
    }

    /** A small instance drawn from every feature of the schema; {@code seed} picks direction, layout and devices. */
    static FlexOfferProblem varied(long seed) {
        Random rng = new Random(seed);
        int[] lengths = {96, 96, 96, 96, 92, 100, 24};
        int n = lengths[rng.nextInt(lengths.length)];
        int minutes = n == 24 ? 60 : 15;
        double scale = 96.0 / n;
        Direction direction = rng.nextInt(3) == 0 ? Direction.INCREASE : Direction.REDUCE;
        List<ControllableDevice> controllable = new ArrayList<>();
        List<ShiftableDevice> shiftable = new ArrayList<>();
        int nc = rng.nextInt(6);
        int ns = rng.nextInt(6);
        for (int i = 0; i < nc; i++) {
            ControllableDevice d = hvac(rng, "c" + i, n);
            double factor = switch (rng.nextInt(5)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> d.factor();
            };
            Double budget = rng.nextInt(3) == 0 ? round(rng.nextDouble() * 3.0) : null;
            controllable.add(new ControllableDevice(d.id(), d.baselineKw(), factor, d.weight(), budget));
        }
        for (int j = 0; j < ns; j++) {
            // sessions that reach the Requested ISPs: evening ones for a reduce, morning ones for an increase
            int arrival = (int) (((direction == Direction.REDUCE ? 56 : 28) + rng.nextInt(30)) / scale);
            int plugged = (int) ((12 + rng.nextInt(40)) / scale);
            ShiftableDevice d = rng.nextInt(3) == 0
                    ? waterHeater(rng, "s" + j, n)
                    : ev(rng, "s" + j, n, arrival, plugged);
            shiftable.add(new ShiftableDevice(d.id(), d.baselineKw(), d.maxKw(), d.windows(), d.weight(),
                    rng.nextInt(4) != 0));
        }
        if (!shiftable.isEmpty() && rng.nextBoolean()) {
            // a scaled copy: the optimizer merges it with its original
            ShiftableDevice d = shiftable.get(0);
            shiftable.add(new ShiftableDevice(d.id() + "-x2", d.baselineKw().stream().map(v -> 2 * v).toList(),
                    2 * d.maxKw(), d.windows(), d.weight(), d.mandatory()));
        }
        List<RequestIsp> isps = request(rng, n, direction, controllable, shiftable);
        List<Double> ispWeight = null;
        if (rng.nextInt(4) == 0) {
            ispWeight = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                ispWeight.add(round(0.5 + rng.nextDouble()));
            }
        }
        return new FlexOfferProblem(n, minutes, new FlexRequest(direction, isps), ispWeight, controllable, shiftable);
    }

    private static List<RequestIsp> request(Random rng, int n, Direction direction,
            List<ControllableDevice> controllable, List<ShiftableDevice> shiftable) {
        int from = direction == Direction.REDUCE ? (int) (n * (0.66 + 0.1 * rng.nextDouble()))
                : (int) (n * (0.42 + 0.1 * rng.nextDouble()));
        int length = 1 + rng.nextInt(Math.max(1, n / 6));
        double potential = 0.0;
        for (ControllableDevice d : controllable) {
            potential += d.factor() * Math.max(0.0, d.baselineKw().get(from));
        }
        for (ShiftableDevice d : shiftable) {
            potential += d.maxKw() * 0.5;
        }
        double maxKw = round(Math.max(0.5, potential * (0.2 + rng.nextDouble())));
        double minKw = rng.nextBoolean() ? 0.0 : round(maxKw * rng.nextDouble() * 0.6);
        boolean sparse = rng.nextInt(4) == 0;
        List<RequestIsp> isps = new ArrayList<>();
        int t = 0;
        while (t < n) {
            if (t == from) {
                // one entry with a duration, as UFTP allows
                isps.add(new RequestIsp(t + 1, Math.min(length, n - t), Disposition.REQUESTED, minKw, maxKw));
                t += length;
            } else if (sparse && rng.nextInt(3) == 0) {
                t++;
            } else {
                int run = 1 + rng.nextInt(4);
                run = Math.min(run, (t < from ? from : n) - t);
                double room = switch (rng.nextInt(6)) {
                    case 0 -> 0.0;
                    case 1 -> round(rng.nextDouble());
                    default -> round(maxKw * (0.3 + 2 * rng.nextDouble()));
                };
                isps.add(new RequestIsp(t + 1, run, Disposition.AVAILABLE, 0.0, room));
                t += run;
            }
        }
        return isps;
    }

    static ControllableDevice hvac(Random rng, String id, int n) {
        double size = 1.0 + 9.0 * rng.nextDouble();
        List<Double> baseline = new ArrayList<>(n);
        double phase = rng.nextDouble() * 2 * Math.PI;
        for (int t = 0; t < n; t++) {
            double day = 0.6 + 0.4 * Math.sin(2 * Math.PI * t / n + phase);
            baseline.add(round(size * day * (0.9 + 0.2 * rng.nextDouble())));
        }
        double factor = round(0.1 + 0.4 * rng.nextDouble());
        Double budget = rng.nextInt(5) == 0 ? round(size * rng.nextDouble()) : null;
        return new ControllableDevice(id, baseline, factor, CURTAIL_WEIGHTS[rng.nextInt(CURTAIL_WEIGHTS.length)],
                budget);
    }

    /** Office lighting from one of two archetypes, sized; its budget scales with its size. */
    static ControllableDevice lighting(Random rng, String id, int n) {
        double size = 2.0 + rng.nextInt(9);
        boolean late = rng.nextBoolean();
        List<Double> baseline = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            boolean on = t >= 28 && t < (late ? 88 : 76);
            baseline.add(on ? size : 0.1 * size);
        }
        return new ControllableDevice(id, baseline, 0.2, 2.0, 0.25 * size);
    }

    static ShiftableDevice ev(Random rng, String id, int n, int arrival, int plugged) {
        double power = EV_POWERS_KW[rng.nextInt(EV_POWERS_KW.length)];
        double hours = 24.0 / n;
        double energy = Math.min(round(5 + 35 * rng.nextDouble()), 0.9 * power * hours * Math.min(plugged, n));
        return ev(id, n, arrival, plugged, power, energy);
    }

    /**
     * An EV plugged in at {@code arrival} for {@code plugged} ISPs, charging at full power from arrival (the
     * baseline); a session past the end of the day wraps to its start, giving a window across midnight.
     */
    static ShiftableDevice ev(String id, int n, int arrival, int plugged, double power, double energyKwh) {
        plugged = Math.min(plugged, n);
        double hours = 24.0 / n;
        double[] baseline = new double[n];
        double left = energyKwh;
        for (int k = 0; k < plugged && left > 1e-9; k++) {
            double kw = Math.min(power, left / hours);
            baseline[(arrival + k) % n] = kw;
            left -= kw * hours;
        }
        int end = arrival + plugged;
        List<OperationWindow> windows = end <= n
                ? List.of(new OperationWindow(arrival, end))
                : List.of(new OperationWindow(arrival, n), new OperationWindow(0, end - n));
        return new ShiftableDevice(id, boxed(baseline), power, windows, 0.1, true);
    }

    static ShiftableDevice waterHeater(Random rng, String id, int n) {
        int start = n * 7 / 12 + rng.nextInt(n / 6);
        int length = Math.max(1, n / 48 + rng.nextInt(n / 24));
        return waterHeater(id, n, start, length, 2.0 + rng.nextInt(3));
    }

    /** A water heater that may run any time from 14:00 (7/12 of the day) to midnight. */
    static ShiftableDevice waterHeater(String id, int n, int start, int length, double power) {
        double[] baseline = new double[n];
        for (int t = start; t < Math.min(n, start + length); t++) {
            baseline[t] = power;
        }
        return new ShiftableDevice(id, boxed(baseline), power, List.of(new OperationWindow(n * 7 / 12, n)), 0.05,
                true);
    }

    /** Hand-made instances for the outcomes and corners the random ones may miss. */
    static Map<String, FlexOfferProblem> edgeCases() {
        Map<String, FlexOfferProblem> cases = new LinkedHashMap<>();
        int n = 96;
        List<Double> flat = constant(n, 4.0);
        ShiftableDevice morningEv = ev("ev-morning", n, 0, 32, 7.4, 14.8);
        cases.put("edge-no-flex", problem(Direction.REDUCE, evening(2.0, 10.0, 8.0),
                List.of(new ControllableDevice("frozen", flat, 0.0, 1.0, null)), List.of(morningEv)));
        cases.put("edge-no-flex-no-minimum", problem(Direction.REDUCE, evening(0.0, 10.0, 8.0),
                List.of(new ControllableDevice("frozen", flat, 0.0, 1.0, null)), List.of(morningEv)));
        cases.put("edge-below-one-watt", problem(Direction.REDUCE, evening(0.0, 10.0, 8.0),
                List.of(new ControllableDevice("standby", constant(n, 0.003), 0.1, 1.0, null)), List.of()));
        cases.put("edge-factor-zero-and-one", problem(Direction.REDUCE, evening(3.0, 9.0, 8.0),
                List.of(new ControllableDevice("hvac-none", flat, 0.0, 1.0, null),
                        new ControllableDevice("heater-all", constant(n, 2.5), 1.0, 1.5, null),
                        new ControllableDevice("pump-all", constant(n, 1.5), 1.0, 1.0, 2.0)),
                List.of()));
        cases.put("edge-midnight-window", problem(Direction.REDUCE, lateEvening(),
                List.of(), List.of(ev("ev-night", n, 88, 32, 11.0, 30.0), ev("ev-late", n, 90, 20, 3.7, 12.0))));
        cases.put("edge-increase-pv-surplus", problem(Direction.INCREASE, noonSurplus(),
                List.of(new ControllableDevice("hvac-ignored", flat, 0.5, 1.0, null)),
                List.of(eveningBoiler("boiler", 3.0, false), eveningBoiler("boiler-2", 2.0, true),
                        ev("ev-evening", n, 72, 24, 7.4, 20.0))));
        ShiftableDevice tooStrong = new ShiftableDevice("too-strong", constant(n, 5.0), 3.0,
                List.of(new OperationWindow(0, n)), 0.1, true);
        cases.put("edge-infeasible-baseline-above-max", problem(Direction.INCREASE, noonSurplus(), List.of(),
                List.of(tooStrong)));
        double[] spill = new double[n];
        spill[70] = 2.0;
        spill[60] = 2.0;
        ShiftableDevice outside = new ShiftableDevice("spill", boxed(spill), 2.0,
                List.of(new OperationWindow(50, 69)), 0.1, true);
        cases.put("edge-baseline-outside-window", problem(Direction.REDUCE, evening(1.0, 5.0, 6.0), List.of(),
                List.of(outside)));
        ShiftableDevice optional = ev("ev-optional", n, 68, 16, 7.4, 14.8);
        cases.put("edge-optional-energy-no-room", problem(Direction.REDUCE, evening(2.0, 6.0, 0.0), List.of(),
                List.of(new ShiftableDevice(optional.id(), optional.baselineKw(), optional.maxKw(),
                        optional.windows(), 0.1, false))));
        List<ControllableDevice> lights = new ArrayList<>();
        List<ShiftableDevice> evs = new ArrayList<>();
        Random rng = new Random(3);
        for (int i = 0; i < 6; i++) {
            lights.add(lighting(rng, "light-" + i, n));
            evs.add(ev("ev-" + i, n, 68 + 4 * (i % 2), 40, EV_POWERS_KW[i % 3], 8 * EV_POWERS_KW[i % 3] * 0.25));
        }
        cases.put("edge-scaled-copies-and-budgets", problem(Direction.REDUCE, evening(5.0, 30.0, 12.0), lights,
                evs));
        return cases;
    }

    private static FlexOfferProblem problem(Direction direction, List<RequestIsp> isps,
            List<ControllableDevice> controllable, List<ShiftableDevice> shiftable) {
        return new FlexOfferProblem(96, 15, new FlexRequest(direction, isps), null, controllable, shiftable);
    }

    /** Requested 17:00-21:00 as one entry, Available before and after with the given room. */
    private static List<RequestIsp> evening(double minKw, double maxKw, double roomKw) {
        return List.of(new RequestIsp(1, 68, Disposition.AVAILABLE, 0.0, roomKw),
                new RequestIsp(69, 16, Disposition.REQUESTED, minKw, maxKw),
                new RequestIsp(85, 12, Disposition.AVAILABLE, 0.0, roomKw));
    }

    /** Requested 22:00-24:00, Available 00:00-06:00 only; the rest of the day keeps the baseline. */
    private static List<RequestIsp> lateEvening() {
        return List.of(new RequestIsp(1, 24, Disposition.AVAILABLE, 0.0, 15.0),
                new RequestIsp(89, 8, Disposition.REQUESTED, 4.0, 12.0));
    }

    /** Requested increase 11:00-15:00, Available (room to consume less) 06:00-11:00 and 15:00-24:00. */
    private static List<RequestIsp> noonSurplus() {
        return List.of(new RequestIsp(25, 20, Disposition.AVAILABLE, 0.0, 6.0),
                new RequestIsp(45, 16, Disposition.REQUESTED, 1.0, 8.0),
                new RequestIsp(61, 36, Disposition.AVAILABLE, 0.0, 10.0));
    }

    private static ShiftableDevice eveningBoiler(String id, double power, boolean mandatory) {
        double[] baseline = new double[96];
        Arrays.fill(baseline, 72, 80, power);
        return new ShiftableDevice(id, boxed(baseline), power, List.of(new OperationWindow(40, 96)), 0.05,
                mandatory);
    }

    private static List<Double> constant(int n, double kw) {
        return Collections.nCopies(n, kw);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static final int VARIED_FIXTURES = 40;

    /** Fixtures stored as instance files (see fixtures/flexoffer/README.md). */
    static Map<String, FlexOfferProblem> storedFixtures() {
        Map<String, FlexOfferProblem> all = new LinkedHashMap<>(edgeCases());
        for (long seed = 1; seed <= VARIED_FIXTURES; seed++) {
            all.put(String.format("varied-%02d", seed), varied(seed));
        }
        all.put("congestion-point-60", congestionPoint(60, 60));
        return all;
    }

    /** Fixtures too large to store: only their expected results are committed, the instance is rebuilt here. */
    static Map<String, FlexOfferProblem> generatedFixtures() {
        Map<String, FlexOfferProblem> all = new LinkedHashMap<>();
        for (int devices : new int[] {1_000, 10_000}) {
            all.put("congestion-point-" + devices, congestionPoint(devices, devices));
        }
        return all;
    }

    /** Writes the stored fixtures into the first directory and the generated ones into the second. */
    public static void main(String[] args) throws IOException {
        write(storedFixtures(), Path.of(args[0]));
        write(generatedFixtures(), Path.of(args[1]));
    }

    private static void write(Map<String, FlexOfferProblem> instances, Path dir) throws IOException {
        Files.createDirectories(dir);
        FlexOfferJson json = new FlexOfferJson();
        for (Map.Entry<String, FlexOfferProblem> e : instances.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".json"), json.writeProblem(e.getValue()));
        }
    }
}
