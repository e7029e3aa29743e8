package io.flexhub.flex.optimizer;

/**
 * Deviation offered in one Requested ISP, as a magnitude in the requested direction.
 *
 * @param isp 0-based ISP index
 */
public record IspDelivery(int isp, double requestedMinKw, double requestedMaxKw, double deliveredKw,
        double shortfallKw) {
}
