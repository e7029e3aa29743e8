package io.flexhub.flex.offer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.lfenergy.shapeshifter.api.FlexRequest;
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

import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;

/**
 * The engine's work for one FlexRequest on one congestion point: reading the fleet through the context port,
 * building the problem ({@link OfferProblemBuilder}) and solving it. Run with {@code scripts/bench-offer-fleet.sh}:
 * JMH by default, or {@link #main} with {@code --harness} for the first call in a fresh JVM plus the median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class OfferFleetBenchmark {

    @Param({"1000", "10000"})
    int devices;

    @Param({"realistic"})
    String fleet;

    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
    private OfferProblemBuilder builder;
    private FlexRequest request;

    @Setup
    public void setUp() {
        builder = new OfferProblemBuilder(context(fleet, devices));
        request = Fleets.eveningRequest(devices);
    }

    @Benchmark
    public FlexOfferSolution offer() {
        return optimizer.solve(builder.build(request).problem());
    }

    static InMemoryContext context(String fleet, int devices) {
        return switch (fleet) {
            case "realistic" -> Fleets.realistic(devices, devices);
            case "distinct" -> Fleets.distinct(devices, devices);
            default -> throw new IllegalArgumentException("fleet is realistic or distinct, got " + fleet);
        };
    }

    /**
     * {@code --harness <fleet> <runs> <devices>...}: first call in this JVM, then the median of {@code runs} more, as
     * wall-clock and as CPU time of the calling thread (which a busy machine inflates less).
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("--harness")) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        String fleet = args[1];
        int runs = Integer.parseInt(args[2]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
        System.out.println("fleet devices lp_columns lp_rows first_s median_s first_cpu_s median_cpu_s delivered_kwh");
        for (int i = 3; i < args.length; i++) {
            int devices = Integer.parseInt(args[i]);
            OfferProblemBuilder builder = new OfferProblemBuilder(context(fleet, devices));
            FlexRequest request = Fleets.eveningRequest(devices);
            double[] wall = new double[runs + 1];
            double[] cpu = new double[runs + 1];
            FlexOfferSolution solution = null;
            for (int r = 0; r <= runs; r++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                solution = optimizer.solve(builder.build(request).problem());
                wall[r] = (System.nanoTime() - start) / 1e9;
                cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            }
            System.out.printf("%s %d %d %d %.3f %.3f %.3f %.3f %.3f%n", fleet, devices, solution.lp().variables(),
                    solution.lp().constraints(), wall[0], median(wall), cpu[0], median(cpu), solution.deliveredKwh());
        }
    }

    private static double median(double[] values) {
        double[] rest = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(rest);
        return rest.length == 0 ? Double.NaN : rest[rest.length / 2];
    }
}
