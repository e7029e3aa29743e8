package io.flexhub.selfconsumption.optimizer;

import java.util.Locale;

/**
 * Something the plan could not honour. The optimiser never answers "infeasible" for a state the
 * site can actually be in; it returns its best plan and lists these instead.
 *
 * @param subject the EV session id, or the building id for building-level items
 * @param kwh how much energy is missing (or beyond the limit) over the day
 */
public record Shortfall(Kind kind, String subject, double kwh) {

    public enum Kind {
        /** EV stores less than its requirement by departure (soft constraint, penalised). */
        EV_ENERGY,
        /** Battery ends below its end-of-day target. */
        BATTERY_FINAL_ENERGY,
        /** Battery started outside [soc_min, soc_max]; the plan moves it back at full power. */
        BATTERY_OUT_OF_BOUNDS,
        /** Import above the connection limit (uncontrollable load the site cannot cover otherwise). */
        IMPORT_LIMIT,
        /** Export above the connection limit. */
        EXPORT_LIMIT;

        /** The JSON spelling, e.g. {@code ev_energy}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
