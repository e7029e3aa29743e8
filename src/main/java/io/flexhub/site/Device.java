package io.flexhub.site;

/**
 * A device at a site.
 *
 * @param id           NGSI-LD id, e.g. {@code urn:ngsi-ld:Device:pleiades-ev-01}
 * @param ratedPowerKw the most it can draw (or, for PV, produce), kW; bounds shifting and setpoints
 */
public record Device(String id, String siteId, String name, DeviceKind kind, String congestionPoint,
        double ratedPowerKw) {

    public Device {
        if (id == null || siteId == null || kind == null) {
            throw new IllegalArgumentException("device id, site and kind are required");
        }
    }
}
