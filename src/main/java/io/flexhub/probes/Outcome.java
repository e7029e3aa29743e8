package io.flexhub.probes;

/** How a stage's call ended, which picks the reaction to run. */
public enum Outcome {
    /** The response met every rule of the stage. */
    VALID,
    /** A response came but broke a rule (status, content type, attribute value), or the call failed. */
    ERROR,
    /** No response within the stage's timeout. */
    TIMEOUT
}
