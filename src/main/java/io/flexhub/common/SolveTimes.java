package io.flexhub.common;

import java.util.function.Supplier;

/**
 * Measures how long an optimizer takes, for whoever exports it. Adapters that call an optimizer wrap the call;
 * the optimizers themselves stay free of any metrics library.
 */
public interface SolveTimes {

    String FLEX_OFFER = "flex-offer";
    String SELF_CONSUMPTION = "self-consumption";

    /** Runs the solve and records its duration under the optimizer's name, also when it throws. */
    <T> T time(String optimizer, Supplier<T> solve);
}
