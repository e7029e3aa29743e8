package io.flexhub.selfconsumption.optimizer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The nightly batch: a 1,000-building portfolio (gen_instances.py shapes) optimised per building on
 * a fixed pool of 2 threads, the machine size of section 4.3.
 *
 * <p>{@link #main} is the protocol of section 4.4 point 4 in one JVM: the first pass (cold: class
 * loading and JIT included) and the median of the following passes (warm, what a long-running hub
 * sees from the second night on), per-building p50/p95/max, and the CPU time the pool threads used
 * (robust against other load on a shared machine; JIT and GC threads are not in it). {@code scripts/bench-selfconsumption.sh} runs it
 * next to the Python reference. The JMH method measures the warm figure with JMH's own rigour:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main SelfConsumptionBenchmark}.
 *
 * <p>The instance is generated into {@code target/} with {@code /usr/bin/python3 gen_instances.py}
 * when missing (the 3 MB file is not committed); {@code -Dbench.instance=...} points elsewhere and
 * {@code -Dbench.gen=...} at another generator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SelfConsumptionBenchmark {

    static final Path DEFAULT_INSTANCE = Path.of("target", "selfconsumption-bench", "campus1000.json");
    static final String DEFAULT_GENERATOR = "/work/shared/bench/gen_instances.py";

    @Param("2")
    public int threads;

    private Portfolio portfolio;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        portfolio = new SelfConsumptionJson().read(instance());
        pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    public SelfConsumptionResult portfolio1000() {
        return new SelfConsumptionOptimizer().optimize(portfolio, SelfConsumptionOptions.cost(), pool);
    }

    static Path instance() throws IOException, InterruptedException {
        Path file = Path.of(System.getProperty("bench.instance", DEFAULT_INSTANCE.toString()));
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Process gen = new ProcessBuilder("/usr/bin/python3", System.getProperty("bench.gen", DEFAULT_GENERATOR),
                "--out", file.getParent().toString()).inheritIO().start();
        if (gen.waitFor() != 0 || !Files.exists(file)) {
            throw new IOException("gen_instances.py did not write " + file);
        }
        return file;
    }

    /** Args: [passes (default 6)] [threads (default 2)]. */
    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path file = instance();
        long readStart = System.nanoTime();
        Portfolio portfolio = new SelfConsumptionJson().read(file);
        double readSeconds = (System.nanoTime() - readStart) / 1e9;

        List<Thread> workers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r);
            workers.add(t);
            return t;
        });
        SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();
        double[] wall = new double[passes];
        double[] cpu = new double[passes];
        SelfConsumptionResult last = null;
        try {
            for (int pass = 0; pass < passes; pass++) {
                long cpuBefore = cpuNanos(workers);
                long start = System.nanoTime();
                last = optimizer.optimize(portfolio, SelfConsumptionOptions.cost().withoutBaseline(), pool);
                wall[pass] = (System.nanoTime() - start) / 1e9;
                cpu[pass] = (cpuNanos(workers) - cpuBefore) / 1e9;
                System.out.printf("pass %d: %.3f s wall, %.3f s CPU on %d threads, objective_total %.6f%n",
                        pass, wall[pass], cpu[pass], threads, last.objectiveTotal());
            }
        } finally {
            pool.shutdownNow();
        }
        double[] perBuilding = last.buildings().stream().mapToDouble(BuildingResult::solveSeconds).sorted().toArray();
        System.out.printf("java: %d buildings, %d threads, read %.3f s, cold %.3f s (CPU %.3f s), warm median %.3f s"
                        + " (CPU %.3f s), per building p50 %.4f p95 %.4f max %.4f s, status %s%n",
                portfolio.buildings().size(), threads, readSeconds, wall[0], cpu[0], median(wall), median(cpu),
                perBuilding[perBuilding.length / 2], perBuilding[(int) (perBuilding.length * 0.95)],
                perBuilding[perBuilding.length - 1], last.status());
    }

    /** CPU used by the pool threads so far; a shared machine's other load does not inflate it. */
    private static long cpuNanos(List<Thread> workers) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : workers) {
            sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    private static double median(double[] passes) {
        if (passes.length < 2) {
            return passes[0];
        }
        double[] warm = Arrays.copyOfRange(passes, 1, passes.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
