package io.flexhub.site;

import java.util.Arrays;
import java.util.Optional;

/** The seed's three kinds of demand flexibility, with their NGSI-LD values. */
public enum FlexibilityType {
    /** Power can be lowered by up to its controllability factor (e.g. thermostat setpoints). */
    CONTROLLABLE("controllable"),
    /** Energy can be moved in time inside its operation window (e.g. EV charging). */
    SHIFTABLE("shiftable"),
    /** Must run as planned (e.g. smart plugs feeding IT). */
    NON_SHIFTABLE("non-shiftable");

    private final String value;

    FlexibilityType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<FlexibilityType> fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
