package io.flexhub.flex.optimizer;

/** Direction of the deviation a FlexRequest asks for in its Requested ISPs. */
public enum Direction {
    /** Consume less than the baseline: the usual congestion case. */
    REDUCE("reduce"),
    /** Consume more than the baseline: the PV-surplus case. */
    INCREASE("increase");

    private final String json;

    Direction(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** +1 when a delivered deviation means more consumption (UFTP sign), -1 otherwise. */
    public double sign() {
        return this == INCREASE ? 1.0 : -1.0;
    }

    public static Direction fromJson(String value) {
        for (Direction d : values()) {
            if (d.json.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("direction must be \"reduce\" or \"increase\", got " + value);
    }
}
