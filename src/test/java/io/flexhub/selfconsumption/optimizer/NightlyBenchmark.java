package io.flexhub.selfconsumption.optimizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.selfconsumption.plan.DeviceSchedules;
import io.flexhub.selfconsumption.plan.SitePlan;
import io.flexhub.site.Actuation;
import io.flexhub.site.Site;

/**
 * The nightly batch end to end, forecasts in to schedules out, on the 1,000-building portfolio of gen_instances.py:
 * read the document (the forecasts, prices and assets of every building), optimise per building on a fixed pool
 * (with the rule-based baseline the run reports the saving against), split every schedule into device schedules,
 * NGSI-LD entities (serialised, as published) and setpoints. Database writes are not in it (they are per site and
 * the same for any optimiser). {@code scripts/bench-nightly.sh} runs it next to the Python reference.
 *
 * <p>Args: [passes (default 6)] [threads (default 2)]; the first pass is cold (class loading, JIT), the median of
 * the others is what a long-running hub sees from the second night on. {@code -Dbench.warmup=N} first solves N
 * variants of one building as the hub's start-up warm-up does, so the first pass is the hub's first night.
 */
public final class NightlyBenchmark {

    private NightlyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path file = SelfConsumptionBenchmark.instance();
        byte[] document = Files.readAllBytes(file);
        ObjectMapper json = new ObjectMapper();
        List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r);
            workers.add(t);
            return t;
        });
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Thread main = Thread.currentThread();
        SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();
        ZoneId zone = ZoneId.of("Europe/Madrid");
        LocalDate day = LocalDate.parse("2026-03-03");
        Instant start = day.atStartOfDay(zone).toInstant();
        double[] wall = new double[passes];
        double[] solve = new double[passes];
        double[] cpu = new double[passes];
        int warmUp = Integer.getInteger("bench.warmup", 0);
        if (warmUp > 0) {
            // what the hub's OptimizerWarmUp does after start-up: solve scaled variants of a site, single-threaded
            Building b = new SelfConsumptionJson().read(new String(document, java.nio.charset.StandardCharsets.UTF_8))
                    .buildings().get(0);
            long w0 = System.nanoTime();
            for (int i = 0; i < warmUp; i++) {
                double pvScale = 0.3 + 0.25 * (i % 7);
                double loadScale = 0.5 + 0.2 * (i % 5);
                Building variant = new Building(b.id(), scaled(b.pvKw(), pvScale), scaled(b.loadKw(), loadScale),
                        b.importPrice(), b.exportPrice(), b.grid(), b.evs(), b.battery());
                optimizer.optimize(variant, 0.25, i % 2 == 0 ? SelfConsumptionOptions.cost()
                        : new SelfConsumptionOptions(Objective.SELF_CONSUMPTION, true));
            }
            System.out.printf("warm-up: %d building variants in %.3f s%n", warmUp, (System.nanoTime() - w0) / 1e9);
        }
        try {
            for (int pass = 0; pass < passes; pass++) {
                long cpu0 = cpuNanos(mx, workers, main);
                long t0 = System.nanoTime();
                Portfolio portfolio = new SelfConsumptionJson().read(new String(document, java.nio.charset.StandardCharsets.UTF_8));
                long t1 = System.nanoTime();
                SelfConsumptionResult result = optimizer.optimize(portfolio, SelfConsumptionOptions.cost(), pool);
                long t2 = System.nanoTime();
                int entities = 0;
                int commands = 0;
                long bytes = 0;
                for (int i = 0; i < portfolio.buildings().size(); i++) {
                    Building b = portfolio.buildings().get(i);
                    List<SitePlan.PlannedSession> sessions = new ArrayList<>();
                    for (EvSession e : b.evs()) {
                        sessions.add(e.crossesMidnight()
                                ? new SitePlan.PlannedSession(e.id(), "urn:ngsi-ld:Device:" + b.id() + "-" + e.id(), 0, e.departureIsp())
                                : new SitePlan.PlannedSession(e.id(), "urn:ngsi-ld:Device:" + b.id() + "-" + e.id(),
                                        e.arrivalIsp(), e.departureIsp()));
                    }
                    Site site = new Site("urn:ngsi-ld:Building:" + b.id(), b.id(), "ean." + i, zone, 1e6, 1e6, List.of());
                    SitePlan plan = new SitePlan(site, day, start, Duration.ofMinutes(15), b, sessions,
                            b.battery() == null ? null : "urn:ngsi-ld:Device:" + b.id() + "-battery");
                    List<DeviceSchedules.DeviceSchedule> schedules = DeviceSchedules.of(plan, result.buildings().get(i));
                    List<Map<String, Object>> out = DeviceSchedules.entities(plan, schedules, 1, start);
                    List<Actuation> setpoints = DeviceSchedules.commands(plan, schedules, 1);
                    bytes += json.writeValueAsBytes(out).length;
                    entities += out.size();
                    commands += setpoints.size();
                }
                long t3 = System.nanoTime();
                cpu[pass] = (cpuNanos(mx, workers, main) - cpu0) / 1e9;
                wall[pass] = (t3 - t0) / 1e9;
                solve[pass] = (t2 - t1) / 1e9;
                System.out.printf("pass %d: total %.3f s (read %.3f, optimise %.3f, schedules out %.3f), CPU %.3f s, on %d threads; "
                                + "%d buildings, %d entities (%d kB), %d setpoints, objective_total %.6f, status %s%n",
                        pass, wall[pass], (t1 - t0) / 1e9, solve[pass], (t3 - t2) / 1e9, cpu[pass], threads,
                        portfolio.buildings().size(), entities, bytes / 1024, commands, result.objectiveTotal(),
                        result.status());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("nightly: cold %.3f s (CPU %.3f s), warm median %.3f s (CPU %.3f s); optimise cold %.3f s, "
                + "warm median %.3f s%n", wall[0], cpu[0], median(wall), median(cpu), solve[0], median(solve));
    }

    /** CPU of the pool threads and the main thread (read and schedules out run there); other load does not count. */
    private static long cpuNanos(java.lang.management.ThreadMXBean mx, List<Thread> workers, Thread main) {
        long sum = Math.max(0, mx.getThreadCpuTime(main.getId()));
        for (Thread t : workers) {
            sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    private static double median(double[] passes) {
        if (passes.length < 2) {
            return passes[0];
        }
        double[] rest = Arrays.copyOfRange(passes, 1, passes.length);
        Arrays.sort(rest);
        return rest.length % 2 == 1 ? rest[rest.length / 2] : (rest[rest.length / 2 - 1] + rest[rest.length / 2]) / 2;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = values[t] * factor;
        }
        return out;
    }
}
