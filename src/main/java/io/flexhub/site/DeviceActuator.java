package io.flexhub.site;

import java.util.Optional;

/**
 * Applies commands to devices: NGSI-LD write on the broker, or recorded in the hub database when embedded (never
 * dropped silently).
 */
public interface DeviceActuator {

    /**
     * @throws ActuationException when the command could not be applied; {@link ActuationException#retryable()} says
     *                            whether trying again later may succeed (broker down) or not (device unknown, or the
     *                            broker did not keep the values)
     */
    void apply(Actuation actuation);

    /**
     * What the device holds now, to be put back after a demand-response event; empty when the actuator cannot
     * tell (embedded: there is no device to ask).
     *
     * @throws ActuationException when the device cannot be read now
     */
    default Optional<DeviceSetting> current(String deviceId) {
        return Optional.empty();
    }
}
