package io.flexhub.site;

/**
 * Applies commands to devices: NGSI-LD PATCH on the broker, or recorded in the hub database when embedded (never
 * dropped silently).
 */
public interface DeviceActuator {

    /**
     * @throws ActuationException when the command could not be applied; {@link ActuationException#retryable()} says
     *                            whether trying again later may succeed (broker down) or not (device unknown)
     */
    void apply(Actuation actuation);
}
