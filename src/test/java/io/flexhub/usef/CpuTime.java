package io.flexhub.usef;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Per-operation thread CPU time for the benchmarks' {@code main}: on a shared, loaded machine the JMH wall-clock
 * figures say more about the neighbours than about the code.
 */
public final class CpuTime {

    private static final long MEASURE_NANOS = 3_000_000_000L;

    public interface Operation {
        Object run() throws Exception;
    }

    private CpuTime() {
    }

    public static void report(String name, Operation operation) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3000; i++) {
            operation.run(); // warm-up
        }
        int count = 0;
        long start = threads.getCurrentThreadCpuTime();
        long end = start;
        while (end - start < MEASURE_NANOS) {
            for (int i = 0; i < 100; i++) {
                operation.run();
            }
            count += 100;
            end = threads.getCurrentThreadCpuTime();
        }
        double microsPerOp = (end - start) / 1_000.0 / count;
        System.out.printf("%-30s %8.1f us CPU/op = %7.0f ops/s per core%n", name, microsPerOp, 1e6 / microsPerOp);
    }
}
