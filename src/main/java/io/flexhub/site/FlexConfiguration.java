package io.flexhub.site;

/**
 * The seed's {@code FlexConfiguration} entity: how one device may be used for flexibility.
 *
 * @param id                    NGSI-LD id, e.g. {@code urn:ngsi-ld:FlexConfiguration:pleiades-ev-01}
 * @param refDevice             id of the device it configures
 * @param controllabilityFactor share of the device's power that may be curtailed, 0..1; only for controllable
 * @param operationWindow       when the device may run; only for shiftable
 */
public record FlexConfiguration(String id, String refDevice, FlexibilityType flexibilityType,
        Double controllabilityFactor, DailyWindow operationWindow) {

    public FlexConfiguration {
        if (id == null || refDevice == null || flexibilityType == null) {
            throw new IllegalArgumentException("id, refDevice and flexibilityType are required");
        }
        if (controllabilityFactor != null && !(controllabilityFactor >= 0.0 && controllabilityFactor <= 1.0)) {
            throw new IllegalArgumentException("controllabilityFactor must be in [0, 1], got " + controllabilityFactor);
        }
    }
}
