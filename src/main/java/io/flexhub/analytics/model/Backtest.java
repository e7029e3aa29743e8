package io.flexhub.analytics.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flexhub.analytics.history.CongestionDay;

/**
 * Rolling-origin backtest by lead time. For lead L and target day D the model sees exactly the days up to D - L
 * (its own and, for the pool, every other point's) and is scored on D's ISPs, against two references that see the
 * same days: the same weekday last week ({@code D - 7 * ceil(L / 7)}, the most recent one known at the origin:
 * requested there or not, a 0/1 forecast) and the long-run frequency (the share of all known days on which the
 * ISP's clock slot was requested, undecayed, every day type together). Only targets whose reference day is in the
 * history are scored, so all three are measured on the same ISPs.
 *
 * <p>One pass over the calendar adds each day to the counts and then forecasts the targets L days ahead, which is
 * what keeps a backtest of many points and years fast: the lazily decayed counts are never rebuilt.
 */
public final class Backtest {

    /**
     * @param leadDays        lead times in days (1: forecast for tomorrow with everything up to today)
     * @param threshold       an ISP counts as predicted requested from this probability on (precision and recall)
     * @param reliabilityBins equal-width probability bins of the reliability table
     * @param warmUpDays      a point is scored only once it has this many days of its own history
     * @param evaluationDays  only the last this many days of each point's history are targets; 0: all after warm-up
     */
    public record Parameters(List<Integer> leadDays, double threshold, int reliabilityBins, int warmUpDays,
                             int evaluationDays) {

        public Parameters {
            leadDays = List.copyOf(leadDays);
            if (leadDays.isEmpty() || leadDays.stream().anyMatch(l -> l < 1 || l > 28)) {
                throw new IllegalArgumentException("lead days must be 1 to 28, got " + leadDays);
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
            }
            if (reliabilityBins < 2 || reliabilityBins > 50) {
                throw new IllegalArgumentException("reliability bins must be 2 to 50, got " + reliabilityBins);
            }
            if (warmUpDays < 0 || evaluationDays < 0) {
                throw new IllegalArgumentException("warm-up and evaluation days must not be negative");
            }
        }

        public static Parameters defaults() {
            return new Parameters(List.of(1, 2, 7), 0.3, 10, 28, 365);
        }
    }

    /** @param firstTarget first scored day; null when no day could be scored (too little history) */
    public record Result(String congestionPoint, String method, LocalDate firstTarget, LocalDate lastTarget,
                         double threshold, List<Lead> leads) {
    }

    /**
     * @param days            target days scored
     * @param isps            ISPs scored
     * @param baseRate        share of the scored ISPs that were requested
     * @param skillVsLastWeek Brier skill score {@code 1 - BS / BS(last week)}; null when the reference is perfect
     * @param skillVsLongRun  Brier skill score against the long-run frequency
     */
    public record Lead(int leadDays, int days, long isps, double baseRate, Scores model, Scores lastWeek,
                       Scores longRun, Double skillVsLastWeek, Double skillVsLongRun, List<Bin> reliability) {
    }

    /** @param precision null when nothing reached the threshold; recall null when nothing was requested */
    public record Scores(double brier, Double precision, Double recall) {
    }

    /** @param meanProbability null (and observedFrequency) for an empty bin */
    public record Bin(double from, double to, long count, Double meanProbability, Double observedFrequency) {
    }

    private final GridPatternModel model;

    public Backtest(GridPatternModel model) {
        this.model = model;
    }

    /** Backtests the points in {@code scored}, every point of {@code histories} feeding the pool. */
    public Map<String, Result> run(Map<String, List<CongestionDay>> histories, Set<String> scored,
                                   Parameters parameters) {
        PoolHistory pool = new PoolHistory(model.features());
        histories.values().forEach(pool::addAll);
        Map<String, Result> results = new LinkedHashMap<>();
        for (String cp : scored) {
            results.put(cp, run(cp, histories.getOrDefault(cp, List.of()), pool, parameters));
        }
        return results;
    }

    /**
     * Backtests one point on its own days, the pool replayed from {@code pool} (which should hold these days too,
     * as it does in production, where the pool is every point's history).
     */
    public Result run(String cp, List<CongestionDay> history, PoolHistory pool, Parameters parameters) {
        if (history.isEmpty()) {
            return empty(cp, parameters);
        }
        CalendarFeatures features = model.features();
        ModelParameters mp = model.parameters();
        long ownFirst = Long.MAX_VALUE;
        long ownLast = Long.MIN_VALUE;
        for (CongestionDay d : history) {
            ownFirst = Math.min(ownFirst, d.date().toEpochDay());
            ownLast = Math.max(ownLast, d.date().toEpochDay());
        }
        long min = pool.isEmpty() ? ownFirst : Math.min(ownFirst, pool.first());
        int range = (int) (ownLast - min + 1);
        CongestionDay[] byDay = new CongestionDay[range];
        for (CongestionDay d : history) {
            byDay[(int) (d.date().toEpochDay() - min)] = d;
        }
        int slots = features.slotsPerDay();
        CellCounts pooled = new CellCounts(slots, mp.halfLifeDays(), min);
        CellCounts own = new CellCounts(slots, mp.halfLifeDays(), min);
        Score[] scores = new Score[parameters.leadDays().size()];
        for (int l = 0; l < scores.length; l++) {
            scores[l] = new Score(parameters.reliabilityBins(), parameters.threshold());
        }
        double k = mp.cellStrength();
        double[][] gp = new double[CellCounts.LEVELS][slots];
        double[][] gq = new double[CellCounts.LEVELS][slots];
        double[] estimate = new double[slots];
        double[] out = new double[3];
        boolean[] reference = new boolean[slots];
        for (int x = 0; x < range; x++) {
            long epochDay = min + x;
            int[] sums = pool.day(epochDay);
            if (sums != null) {
                pooled.addSums(LocalDate.ofEpochDay(epochDay), sums, features);
            }
            if (byDay[x] != null) {
                own.add(byDay[x], features);
            }
            long origin = epochDay + 1;
            for (int l = 0; l < scores.length; l++) {
                int lead = parameters.leadDays().get(l);
                int target = x + lead;
                int back = 7 * ((lead + 6) / 7);
                if (target >= range || byDay[target] == null || target - back < 0 || byDay[target - back] == null
                        || own.plainDays < parameters.warmUpDays()) {
                    continue;
                }
                if (parameters.evaluationDays() > 0 && min + target <= ownLast - parameters.evaluationDays()) {
                    continue;
                }
                CongestionDay day = byDay[target];
                LocalDate date = day.date();
                DayType type = features.dayType(date);
                int dt = type.ordinal();
                int sc = CalendarFeatures.seasonCell(type, date);
                int mc = CalendarFeatures.monthCell(type, date);
                Shrinkage.pool(pooled, pooled.scale(origin), dt, sc, mc, k, gp, gq);
                double ownScale = own.scale(origin);
                double lambda = Shrinkage.lambda(own, ownScale, mp.poolStrengthDays());
                for (int s = 0; s < slots; s++) {
                    Shrinkage.point(own, ownScale, lambda, dt, sc, mc, s, k, 4, gp, gq, out);
                    estimate[s] = out[0];
                    reference[s] = false;
                }
                CongestionDay referenceDay = byDay[target - back];
                for (CongestionDay.Isp isp : referenceDay.isps()) {
                    if (isp.requested()) {
                        reference[slotOf(features, referenceDay, isp)] = true;
                    }
                }
                Score score = scores[l];
                score.day(date);
                for (CongestionDay.Isp isp : day.isps()) {
                    int s = slotOf(features, day, isp);
                    double longRun = own.plainFrequency(s);
                    score.add(estimate[s], reference[s] ? 1.0 : 0.0, Double.isNaN(longRun) ? 0.0 : longRun,
                            isp.requested());
                }
            }
        }
        return result(cp, scores, parameters);
    }

    private static int slotOf(CalendarFeatures features, CongestionDay day, CongestionDay.Isp isp) {
        return features.slotOf(day.date(), day.ispCount(), isp.isp(), isp.start());
    }

    private static Result empty(String cp, Parameters parameters) {
        List<Lead> leads = new ArrayList<>();
        for (int lead : parameters.leadDays()) {
            leads.add(new Score(parameters.reliabilityBins(), parameters.threshold()).lead(lead));
        }
        return new Result(cp, GridPatternModel.METHOD, null, null, parameters.threshold(), leads);
    }

    private static Result result(String cp, Score[] scores, Parameters parameters) {
        List<Lead> leads = new ArrayList<>();
        LocalDate first = null;
        LocalDate last = null;
        for (int l = 0; l < scores.length; l++) {
            leads.add(scores[l].lead(parameters.leadDays().get(l)));
            if (scores[l].first != null && (first == null || scores[l].first.isBefore(first))) {
                first = scores[l].first;
            }
            if (scores[l].last != null && (last == null || scores[l].last.isAfter(last))) {
                last = scores[l].last;
            }
        }
        return new Result(cp, GridPatternModel.METHOD, first, last, parameters.threshold(), leads);
    }

    /** Running sums of one point and lead. */
    private static final class Score {
        private final double threshold;
        private final long[] binCount;
        private final double[] binForecast;
        private final double[] binObserved;
        private final long[][] hits = new long[3][3];
        private double brierModel;
        private double brierLastWeek;
        private double brierLongRun;
        private long isps;
        private long requested;
        private int days;
        private LocalDate first;
        private LocalDate last;

        Score(int bins, double threshold) {
            this.threshold = threshold;
            this.binCount = new long[bins];
            this.binForecast = new double[bins];
            this.binObserved = new double[bins];
        }

        void day(LocalDate date) {
            days++;
            if (first == null) {
                first = date;
            }
            last = date;
        }

        void add(double model, double lastWeek, double longRun, boolean observed) {
            double o = observed ? 1.0 : 0.0;
            brierModel += (model - o) * (model - o);
            brierLastWeek += (lastWeek - o) * (lastWeek - o);
            brierLongRun += (longRun - o) * (longRun - o);
            isps++;
            if (observed) {
                requested++;
            }
            count(0, model, observed);
            count(1, lastWeek, observed);
            count(2, longRun, observed);
            int bin = Math.min(binCount.length - 1, (int) (model * binCount.length));
            binCount[bin]++;
            binForecast[bin] += model;
            binObserved[bin] += o;
        }

        /** hits[forecaster]: [0] true positives, [1] false positives, [2] false negatives. */
        private void count(int forecaster, double p, boolean observed) {
            boolean predicted = p >= threshold;
            if (predicted && observed) {
                hits[forecaster][0]++;
            } else if (predicted) {
                hits[forecaster][1]++;
            } else if (observed) {
                hits[forecaster][2]++;
            }
        }

        private Scores scores(int forecaster, double brier) {
            long tp = hits[forecaster][0];
            long fp = hits[forecaster][1];
            long fn = hits[forecaster][2];
            return new Scores(round(isps == 0 ? 0 : brier / isps),
                    tp + fp == 0 ? null : round((double) tp / (tp + fp)),
                    tp + fn == 0 ? null : round((double) tp / (tp + fn)));
        }

        Lead lead(int leadDays) {
            List<Bin> bins = new ArrayList<>();
            for (int b = 0; b < binCount.length; b++) {
                double from = (double) b / binCount.length;
                double to = (double) (b + 1) / binCount.length;
                bins.add(new Bin(round(from), round(to), binCount[b],
                        binCount[b] == 0 ? null : round(binForecast[b] / binCount[b]),
                        binCount[b] == 0 ? null : round(binObserved[b] / binCount[b])));
            }
            return new Lead(leadDays, days, isps, round(isps == 0 ? 0 : (double) requested / isps),
                    scores(0, brierModel), scores(1, brierLastWeek), scores(2, brierLongRun),
                    skill(brierModel, brierLastWeek), skill(brierModel, brierLongRun), bins);
        }

        private Double skill(double model, double reference) {
            return isps == 0 || reference == 0 ? null : round(1 - model / reference);
        }

        private static double round(double value) {
            return Math.round(value * 1e6) / 1e6;
        }
    }
}
