package io.flexhub.flex.optimizer;

/** UFTP ISP disposition of a FlexRequest ISP. */
public enum Disposition {
    /** The DSO wants a deviation here. */
    REQUESTED("Requested"),
    /** The DSO tolerates a deviation in the opposite direction here, up to the given room. */
    AVAILABLE("Available");

    private final String json;

    Disposition(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Disposition fromJson(String value) {
        for (Disposition d : values()) {
            if (d.json.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("disposition must be \"Requested\" or \"Available\", got " + value);
    }
}
