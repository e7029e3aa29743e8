package io.flexhub.selfconsumption.optimizer;

/**
 * Import and export limits at a connection point, kW per ISP; a null array means "no limit".
 * The schema allows one number for the whole day, section 3.1 of the reference allows a value per
 * ISP, so both are stored per ISP.
 */
public record GridLimits(double[] importMaxKw, double[] exportMaxKw) {

    public static final GridLimits NONE = new GridLimits(null, null);

    public double importMax(int isp) {
        return importMaxKw == null ? Double.POSITIVE_INFINITY : importMaxKw[isp];
    }

    public double exportMax(int isp) {
        return exportMaxKw == null ? Double.POSITIVE_INFINITY : exportMaxKw[isp];
    }

    public boolean isUnlimited() {
        return importMaxKw == null && exportMaxKw == null;
    }
}
