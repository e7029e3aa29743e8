package io.flexhub.selfconsumption.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Nightly self-consumption optimiser: PV + EV sessions + optional stationary battery per building,
 * 96 ISPs, the LP of section 3.1 of the optimisation reference solved with ojAlgo.
 *
 * <p><b>Per building.</b> Without an aggregate limit the portfolio LP is block-diagonal, so each
 * building is solved on its own and buildings run in parallel. This is also a necessity: ojAlgo's
 * time grows 3-5x per doubling of a joint model and a 100-building joint LP does not finish
 * (section 4.3), while a single building solves in milliseconds.
 *
 * <p><b>Feeder coupling (design note, not implemented).</b> An aggregate limit
 * {@code sum_b gout_b,t <= Agg_t} couples the buildings only through 96 rows per limit. The
 * intended approach is price coordination (Lagrangian decomposition): add a multiplier
 * {@code lambda_t >= 0} to every building's export cost in ISP t, solve the buildings in parallel,
 * raise {@code lambda_t} by a subgradient step where the sum exceeds the limit (lower it towards 0
 * where it does not), and stop when the violation is below a tolerance. LP responses to prices are
 * bang-bang, so the loop ends with a cheap sequential repair: walk the buildings in order of their
 * marginal value of export in the violated ISPs and cap each one's export (turning its surplus into
 * curtailment or storage) until the sum fits, re-solving only the capped buildings. Until then an
 * aggregate limit in the input is reported as ignored, as the reference does in per-building mode.
 *
 * <p><b>Plausibility.</b> Every schedule is checked for simultaneous import/export and
 * charge/discharge (section 3.1.2). With our tie-break weights and non-negative prices the LP does
 * not produce them; if it does (negative or inverted prices), the building is re-solved as the MILP
 * with direction binaries in the offending ISPs ({@link DirectionRepair}) and the repair is
 * reported in {@link BuildingResult#repair()}.
 *
 * <p><b>Never "infeasible".</b> EV requirements and the battery's end-of-day target are soft
 * (penalised, reported as shortfalls), a battery that starts outside its bounds is moved back at
 * full power, and if the exact model still has no solution (e.g. the uncontrollable load exceeds
 * the import limit) the building is re-solved with penalised grid-limit slacks and marked
 * {@link BuildingResult.Status#BEST_EFFORT}. Invalid input (wrong array lengths, non-finite
 * numbers) is rejected with an {@link IllegalArgumentException}; it is not a physical state.
 */
public final class SelfConsumptionOptimizer {

    /** kW: simultaneous flows below this are solver noise, not a plan to execute. */
    static final double SIMULTANEITY_TOL_KW = 1e-6;
    /** Largest accepted row or bound violation of a solver answer (kW or kWh). */
    static final double FEASIBILITY_TOL = 1e-6;

    /** Optimises all buildings on the common fork-join pool (a parallel stream). */
    public SelfConsumptionResult optimize(Portfolio portfolio, SelfConsumptionOptions options) {
        long start = System.nanoTime();
        List<BuildingResult> results = portfolio.buildings().parallelStream()
                .map(b -> optimize(b, portfolio.ispHours(), options))
                .toList();
        return summarise(portfolio, options, results, start);
    }

    /**
     * Optimises all buildings on the given executor, one task per building (e.g. a fixed pool sized
     * to the cores the nightly job may use).
     */
    public SelfConsumptionResult optimize(Portfolio portfolio, SelfConsumptionOptions options, Executor executor) {
        long start = System.nanoTime();
        List<CompletableFuture<BuildingResult>> futures = portfolio.buildings().stream()
                .map(b -> CompletableFuture.supplyAsync(() -> optimize(b, portfolio.ispHours(), options), executor))
                .toList();
        try {
            List<BuildingResult> results = futures.stream().map(CompletableFuture::join).toList();
            return summarise(portfolio, options, results, start);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Optimises one building; {@code ispHours} is the ISP length (0.25 for 15 minutes). */
    public BuildingResult optimize(Building building, double ispHours, SelfConsumptionOptions options) {
        long start = System.nanoTime();
        List<String> notes = new ArrayList<>();
        List<EvSession> sessions = horizonSessions(building, notes);

        BuildingResult.Status status = BuildingResult.Status.OPTIMAL;
        Solved solved = solve(building, sessions, ispHours, options.objective(), false, notes);
        if (solved == null) {
            notes.add("exact model has no solution; grid limits made elastic (penalised)");
            status = BuildingResult.Status.BEST_EFFORT;
            solved = solve(building, sessions, ispHours, options.objective(), true, notes);
        }
        Schedule schedule;
        double objectiveTotal;
        BuildingResult.ModelSize size;
        BuildingResult.Repair repair = null;
        if (solved == null) {
            notes.add("solver failed on the elastic model too; rule-based plan returned");
            status = BuildingResult.Status.RULE_BASED_FALLBACK;
            schedule = RuleBasedBaseline.plan(building, sessions, ispHours);
            objectiveTotal = Double.NaN;
            size = BuildingResult.ModelSize.NONE;
        } else {
            BuildingModel model = solved.model();
            double[] cost = model.costObjective();
            double[] x = solved.x();
            DirectionRepair.Outcome fix = DirectionRepair.repair(model, cost, x);
            if (fix != null) {
                x = fix.x();
                repair = new BuildingResult.Repair(fix.lpObjective(), fix.objective(), fix.bestBound(), fix.nodes(), fix.proven());
            }
            schedule = new Solved(model, x).schedule();
            objectiveTotal = LinearProgram.dot(cost, x);
            size = new BuildingResult.ModelSize(model.lp.columns(), model.lp.rows(), model.lp.nonZeros());
        }
        ScheduleEvaluator.Evaluation eval = ScheduleEvaluator.evaluate(building, sessions, schedule, ispHours);
        EnergyBalance baseline = null;
        if (options.baseline()) {
            Schedule rule = RuleBasedBaseline.plan(building, sessions, ispHours);
            baseline = ScheduleEvaluator.evaluate(building, sessions, rule, ispHours).energy();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BuildingResult(building.id(), status, objectiveTotal, eval.energy(), eval.checks(), schedule,
                eval.shortfalls(), List.copyOf(notes), baseline, repair, size, seconds);
    }

    /**
     * The rule-based plan's balance alone, nothing optimised: what a day would have cost without the optimizer, the
     * yardstick of {@link SelfConsumptionResult#savingVsBaselineEur()} (also applied to measured days).
     */
    public EnergyBalance ruleBased(Building building, double ispHours) {
        List<EvSession> sessions = horizonSessions(building, new ArrayList<>());
        Schedule rule = RuleBasedBaseline.plan(building, sessions, ispHours);
        return ScheduleEvaluator.evaluate(building, sessions, rule, ispHours).energy();
    }

    /**
     * The sessions as this horizon sees them: a window crossing midnight keeps its morning part
     * (the requirement is due at departure); its evening part belongs to the next nightly run.
     */
    static List<EvSession> horizonSessions(Building building, List<String> notes) {
        List<EvSession> out = new ArrayList<>(building.evs().size());
        Set<String> ids = new HashSet<>();
        for (EvSession e : building.evs()) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("building " + building.id() + ": duplicate EV session id " + e.id());
            }
            if (e.crossesMidnight()) {
                notes.add("EV session " + e.id() + " crosses midnight: [0, " + e.departureIsp()
                        + ") planned here, [" + e.arrivalIsp() + ", end) left to the next run");
                out.add(e.morningPart());
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** A solved model and its solution. */
    private record Solved(BuildingModel model, double[] x) {

        Schedule schedule() {
            BuildingModel m = model;
            int isps = m.isps;
            double[] gin = new double[isps];
            double[] gout = new double[isps];
            double[] curt = new double[isps];
            for (int t = 0; t < isps; t++) {
                gin[t] = m.importKw(x, t);
                gout[t] = m.exportKw(x, t);
                curt[t] = BuildingModel.value(x, m.curt[t]);
            }
            Map<String, double[]> ev = new LinkedHashMap<>();
            for (BuildingModel.EvColumns e : m.evs) {
                double[] p = new double[isps];
                for (int k = 0; k < e.count(); k++) {
                    p[e.arrival() + k] = x[e.first() + k];
                }
                ev.put(e.session().id(), p);
            }
            Schedule.BatterySchedule battery = null;
            if (m.battery != null) {
                battery = new Schedule.BatterySchedule(
                        Arrays.copyOfRange(x, m.battery.charge(), m.battery.charge() + isps),
                        Arrays.copyOfRange(x, m.battery.discharge(), m.battery.discharge() + isps),
                        Arrays.copyOfRange(x, m.battery.energy(), m.battery.energy() + isps));
            }
            return new Schedule(gin, gout, curt, ev, battery);
        }
    }

    private static Solved solve(Building building, List<EvSession> sessions, double dt, Objective objective,
            boolean elastic, List<String> notes) {
        BuildingModel model = new BuildingModel(building, sessions, building.isps(), dt, elastic);
        if (objective == Objective.SELF_CONSUMPTION) {
            double[] stage1 = solveChecked(model.lp, model.importObjective(), notes);
            if (stage1 == null) {
                return null;
            }
            model.capImport(model.importKwh(stage1));
        }
        double[] x = solveChecked(model.lp, model.costObjective(), notes);
        return x == null ? null : new Solved(model, x);
    }

    /**
     * Solves and verifies the answer against the model; a point that violates it is treated like a
     * failure and the other ojAlgo path is tried (the reference retries HiGHS the same way).
     */
    private static double[] solveChecked(LinearProgram lp, double[] cost, List<String> notes) {
        OjAlgoSolver.Outcome direct = OjAlgoSolver.solveDirect(lp, cost);
        if (acceptable(lp, direct)) {
            return direct.x();
        }
        OjAlgoSolver.Outcome model = OjAlgoSolver.solveModel(lp, cost);
        if (acceptable(lp, model)) {
            notes.add("solver retry: " + direct.path() + " " + direct.state() + ", " + model.path() + " optimal");
            return model.x();
        }
        return null;
    }

    private static boolean acceptable(LinearProgram lp, OjAlgoSolver.Outcome outcome) {
        return outcome.optimal() && lp.maxViolation(outcome.x()) <= FEASIBILITY_TOL;
    }

    private static SelfConsumptionResult summarise(Portfolio portfolio, SelfConsumptionOptions options,
            List<BuildingResult> results, long start) {
        EnergyBalance energy = sum(results, BuildingResult::energy);
        EnergyBalance baseline = options.baseline() ? sum(results, BuildingResult::baseline) : null;
        ScheduleChecks checks = results.stream().map(BuildingResult::checks).reduce(ScheduleChecks.NONE, ScheduleChecks::merge);
        double objectiveTotal = results.stream().mapToDouble(BuildingResult::objectiveTotal).sum();
        Set<String> statuses = new TreeSet<>();
        results.forEach(r -> statuses.add(r.status().wireName()));
        String status = statuses.equals(Set.of(BuildingResult.Status.OPTIMAL.wireName())) || statuses.isEmpty()
                ? BuildingResult.Status.OPTIMAL.wireName() : String.join(",", statuses);
        List<String> warnings = new ArrayList<>();
        if (!portfolio.aggregate().isUnlimited()) {
            warnings.add("aggregate limits ignored in per-building mode");
        }
        double[] seconds = results.stream().mapToDouble(BuildingResult::solveSeconds).sorted().toArray();
        double solveSeconds = Arrays.stream(seconds).sum();
        SelfConsumptionResult.Timing timing = new SelfConsumptionResult.Timing(
                (System.nanoTime() - start) / 1e9, solveSeconds,
                seconds.length == 0 ? 0 : seconds[seconds.length / 2],
                seconds.length == 0 ? 0 : seconds[seconds.length - 1],
                seconds.length == 0 ? 0 : solveSeconds / seconds.length);
        return new SelfConsumptionResult(portfolio.name(), options.objective(), status, objectiveTotal, energy, checks,
                baseline, results, warnings, timing);
    }

    private static EnergyBalance sum(List<BuildingResult> results, Function<BuildingResult, EnergyBalance> part) {
        return results.stream().map(part).reduce(EnergyBalance.ZERO, EnergyBalance::plus);
    }
}
