package io.flexhub.flex.optimizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Solve time of one congestion point ({@link FlexOfferInstances#congestionPoint}), single-threaded, model building
 * and result extraction included. Run with {@code scripts/bench-flexoffer.sh}: JMH by default, or {@link #main}
 * with {@code --harness} for the first solve in a fresh JVM plus the median of the following ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class FlexOfferBenchmark {

    @Param({"1000", "10000"})
    int devices;

    @Param({"catalogue"})
    String portfolio;

    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
    private FlexOfferProblem problem;

    @Setup
    public void setUp() {
        problem = instance(portfolio, devices);
    }

    @Benchmark
    public FlexOfferSolution solve() {
        return optimizer.solve(problem);
    }

    static FlexOfferProblem instance(String portfolio, int devices) {
        return switch (portfolio) {
            case "catalogue" -> FlexOfferInstances.congestionPoint(devices, devices);
            case "distinct" -> FlexOfferInstances.distinctCongestionPoint(devices, devices);
            default -> throw new IllegalArgumentException("portfolio is catalogue or distinct, got " + portfolio);
        };
    }

    /**
     * {@code --harness <portfolio> <runs> <devices>...}: first solve in this JVM, then the median of {@code runs}
     * more, as wall-clock and as CPU time of the solving thread (which a busy machine inflates less). Without
     * {@code --harness} the arguments go to JMH.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("--harness")) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        String portfolio = args[1];
        int runs = Integer.parseInt(args[2]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
        System.out.println("portfolio devices lp_columns lp_rows first_s median_s first_cpu_s median_cpu_s "
                + "delivered_kwh");
        for (int i = 3; i < args.length; i++) {
            int devices = Integer.parseInt(args[i]);
            FlexOfferProblem problem = instance(portfolio, devices);
            double[] wall = new double[runs + 1];
            double[] cpu = new double[runs + 1];
            FlexOfferSolution solution = null;
            for (int r = 0; r <= runs; r++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                solution = optimizer.solve(problem);
                wall[r] = (System.nanoTime() - start) / 1e9;
                cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            }
            System.out.printf("%s %d %d %d %.3f %.3f %.3f %.3f %.6f%n", portfolio, devices,
                    solution.lp().variables(), solution.lp().constraints(), wall[0], medianAfterFirst(wall), cpu[0],
                    medianAfterFirst(cpu), solution.deliveredKwh());
        }
    }

    private static double medianAfterFirst(double[] values) {
        double[] rest = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(rest);
        return rest.length == 0 ? Double.NaN : rest[rest.length / 2];
    }
}
