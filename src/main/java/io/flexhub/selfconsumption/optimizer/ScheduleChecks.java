package io.flexhub.selfconsumption.optimizer;

/**
 * Physical plausibility of a schedule (section 3.1.2). The LP has no direction binaries, so a
 * schedule is only executable when both simultaneity figures are ~0; the optimiser repairs it
 * otherwise.
 *
 * @param evIspsBelowMinKw EV ISPs charging above zero but below the charger minimum, which the LP
 *     does not model (semi-continuous power); reported, not repaired
 */
public record ScheduleChecks(double maxSimultaneousImportExportKw, double maxSimultaneousChargeDischargeKw,
        int evIspsBelowMinKw) {

    public static final ScheduleChecks NONE = new ScheduleChecks(0.0, 0.0, 0);

    public ScheduleChecks merge(ScheduleChecks o) {
        return new ScheduleChecks(Math.max(maxSimultaneousImportExportKw, o.maxSimultaneousImportExportKw),
                Math.max(maxSimultaneousChargeDischargeKw, o.maxSimultaneousChargeDischargeKw),
                evIspsBelowMinKw + o.evIspsBelowMinKw);
    }
}
