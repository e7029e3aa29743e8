package io.flexhub.flex.optimizer;

/** Direction of the deviation a FlexRequest asks for in its Requested ISPs. */
public enum Direction {
    /** Consume less than the baseline: the usual congestion case. */
    REDUCE,
    /** Consume more than the baseline: the PV-surplus case. */
    INCREASE;

    /** +1 when a delivered deviation means more consumption (UFTP sign), -1 otherwise. */
    public double sign() {
        return this == INCREASE ? 1.0 : -1.0;
    }
}
