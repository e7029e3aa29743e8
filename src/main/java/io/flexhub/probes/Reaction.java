package io.flexhub.probes;

import java.util.List;

/**
 * What happens after one outcome of a stage: actions in order, then stop the run or go on with the next stage.
 */
public record Reaction(List<ProbeAction> actions, boolean stop) {

    public Reaction {
        actions = List.copyOf(actions);
    }

    public static Reaction none(boolean stop) {
        return new Reaction(List.of(), stop);
    }
}
