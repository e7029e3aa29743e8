package io.flexhub.ops;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.flexhub.common.SolveTimes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Optimizer durations as the timer {@code flexhub_optimizer_solve_seconds{optimizer,outcome}} with a histogram. */
@Component
class SolveTimeMetrics implements SolveTimes {

    private final MeterRegistry registry;

    SolveTimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> T time(String optimizer, Supplier<T> solve) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = solve.get();
            outcome = "ok";
            return result;
        } finally {
            sample.stop(Timer.builder("flexhub.optimizer.solve")
                    .description("Time an optimizer took to solve one problem")
                    .tag("optimizer", optimizer).tag("outcome", outcome)
                    // solve times span milliseconds to tens of seconds: buckets let Prometheus compute quantiles
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
