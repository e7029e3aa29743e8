package io.flexhub.probes;

/**
 * One stage of a probe: a REST call, the rules a valid response meets and the reaction to each outcome.
 *
 * @param number 1-based position in the probe
 */
public record ProbeStage(int number, String description, HttpCall request, ResponseRule rule, Reaction onValid,
                         Reaction onError, Reaction onTimeout) {

    public Reaction reaction(Outcome outcome) {
        return switch (outcome) {
            case VALID -> onValid;
            case ERROR -> onError;
            case TIMEOUT -> onTimeout;
        };
    }
}
