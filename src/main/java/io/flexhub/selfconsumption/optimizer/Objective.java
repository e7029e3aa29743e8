package io.flexhub.selfconsumption.optimizer;

/** What the optimiser minimises (the reference's {@code --objective}). */
public enum Objective {

    /** Grid cost minus the value of stored energy, plus penalties and tie-breaks. */
    COST("cost"),

    /**
     * Lexicographic: first the least import energy (maximum self-sufficiency; unmet EV energy
     * penalised), then the least cost among plans that import no more than that, +1e-6 relative.
     * Export and curtailment are deliberately not minimised in stage 1: burning PV in simultaneous
     * battery charge and discharge would then pass for self-consumption.
     */
    SELF_CONSUMPTION("selfconsumption");

    private final String wireName;

    Objective(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Objective fromWireName(String name) {
        for (Objective o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + name + "', expected cost or selfconsumption");
    }
}
