package io.flexhub.selfconsumption;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import io.flexhub.forecast.SiteForecast;
import io.flexhub.selfconsumption.optimizer.BuildingResult;
import io.flexhub.selfconsumption.optimizer.EnergyBalance;
import io.flexhub.selfconsumption.optimizer.Shortfall;
import io.flexhub.site.Site;

/** The plain-text summary a site's recipients get after the nightly run. */
final class SummaryMail {

    private SummaryMail() {
    }

    static String body(Site site, LocalDate day, long runId, SiteForecast forecast, BuildingResult r,
            Map<String, Object> row, Map<String, Object> headroom) {
        EnergyBalance e = r.energy();
        StringBuilder b = new StringBuilder();
        b.append("Self-consumption plan for ").append(site.name() == null ? site.id() : site.name()).append(" (")
                .append(site.id()).append(") on ").append(day).append(", run ").append(runId).append(".\n\n");
        b.append("Forecasts: ").append(forecast.provenance()).append(" - ").append(forecast.detail()).append('\n');
        if (forecast.provenance() == io.flexhub.forecast.Provenance.HISTORY) {
            b.append("No current forecast was available: this plan uses the hub's own forecast from history.\n");
        }
        b.append("Plan status: ").append(r.status().wireName()).append("\n\n");
        b.append(line("PV forecast", e.pvKwh(), "kWh"));
        b.append(line("Consumption forecast", e.loadKwh(), "kWh"));
        b.append(line("Grid import", e.importKwh(), "kWh"));
        b.append(line("Grid export", e.exportKwh(), "kWh"));
        b.append(line("Curtailed PV", e.curtailedKwh(), "kWh"));
        b.append(line("EV charging", e.evChargedKwh(), "kWh"));
        b.append("Self-consumption ratio: ").append(ratio(e.selfConsumptionRatio().isPresent()
                ? e.selfConsumptionRatio().getAsDouble() : null)).append('\n');
        b.append("Self-sufficiency ratio: ").append(ratio(e.selfSufficiencyRatio().isPresent()
                ? e.selfSufficiencyRatio().getAsDouble() : null)).append('\n');
        b.append(line("Grid cost", e.gridCostEur(), "EUR"));
        if (r.baseline() != null) {
            b.append(line("Saving against the rule-based plan", r.baseline().netCostEur() - e.netCostEur(), "EUR"));
        }
        if (!r.shortfalls().isEmpty()) {
            b.append("\nNot achievable:\n");
            for (Shortfall s : r.shortfalls()) {
                b.append(String.format(Locale.ROOT, "  %s %s: %.2f kWh%n", s.kind().wireName(), s.subject(), s.kwh()));
            }
        }
        if (headroom != null && "KEPT".equals(headroom.get("status"))
                && headroom.get("withoutHeadroom") instanceof Map<?, ?> plain) {
            b.append(String.format(Locale.ROOT, "%nGrid headroom where the DSO is likely to ask for flexibility (%s"
                            + " ISPs less consumption, %s more): import there %.2f kWh (%.2f kWh without headroom), export"
                            + " there %.2f kWh (%.2f kWh), at a cost of %.2f EUR.%n", headroom.get("reduceIsps"),
                    headroom.get("increaseIsps"), (Double) headroom.get("importKwhInReduceIsps"),
                    (Double) plain.get("importKwhInReduceIsps"), (Double) headroom.get("exportKwhInIncreaseIsps"),
                    (Double) plain.get("exportKwhInIncreaseIsps"), (Double) headroom.get("costEur")));
        }
        Object surplus = row == null ? null : row.get("surplus_status");
        if (surplus != null) {
            b.append("\nPV surplus offered to flexible loads: ").append(surplus).append(" - ")
                    .append(row.get("surplus_detail")).append('\n');
        }
        return b.toString();
    }

    private static String line(String label, double value, String unit) {
        return String.format(Locale.ROOT, "%s: %.2f %s%n", label, value, unit);
    }

    private static String ratio(Double v) {
        return v == null ? "n/a (no PV)" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
