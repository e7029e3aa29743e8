package io.flexhub.selfconsumption.optimizer;

import static io.flexhub.common.JsonFields.integer;
import static io.flexhub.common.JsonFields.number;
import static io.flexhub.common.JsonFields.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.JsonFields;

/**
 * Reads {@code phoenix-selfconsumption/1} documents (one building at top level, or a portfolio
 * with {@code buildings}) and writes results in the shape of {@code ref_selfconsumption.py}'s
 * output line, so the two can be compared key by key. Per-building entries follow the
 * reference's {@code --schedule} file ({@code id}, {@code cost_eur}, {@code schedule}) plus the
 * building's own KPIs, shortfalls, notes and PV surplus.
 *
 * <p>Defaults are the reference's: {@code n_isp} 96, {@code isp_minutes} 15, EV {@code soc_min} 0,
 * {@code soc_max} 1, {@code min_kw} 0, {@code charge_eff} 0.92; battery {@code soc_min} 0,
 * {@code soc_max} 1, {@code roundtrip_eff} split as its square root, else {@code charge_eff} /
 * {@code discharge_eff} 0.95. Grid limits may be a number, null, or one value per ISP.
 */
public final class SelfConsumptionJson {

    public static final String SCHEMA = "phoenix-selfconsumption/1";

    private final ObjectMapper mapper;

    public SelfConsumptionJson() {
        this(new ObjectMapper());
    }

    public SelfConsumptionJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ------------------------------------------------------------------ reading

    public Portfolio read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Portfolio read(InputStream in) {
        try {
            return read(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Portfolio read(String json) {
        try {
            return read(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public Portfolio read(JsonNode root) {
        int isps = integer(root, "n_isp", 96, "");
        double ispMinutes = number(root, "isp_minutes", 15.0, "");
        List<Building> buildings = new ArrayList<>();
        if (root.has("buildings")) {
            for (JsonNode b : JsonFields.array(root.get("buildings"), "buildings")) {
                buildings.add(building(b, isps));
            }
        } else {
            buildings.add(building(root, isps));
        }
        String name = text(root, "name", buildings.isEmpty() ? "" : buildings.get(0).id(), "");
        return new Portfolio(name, isps, ispMinutes, limits(root.get("aggregate"), isps), buildings);
    }

    private Building building(JsonNode b, int isps) {
        String id = text(required(b, "id", "building"), "building id");
        String where = "building " + id;
        List<EvSession> evs = new ArrayList<>();
        for (JsonNode e : b.hasNonNull("evs") ? JsonFields.array(b.get("evs"), where + " evs") : b.path("evs")) {
            evs.add(ev(e, where));
        }
        JsonNode bat = b.get("battery");
        return new Building(id,
                series(b, "pv_kw", isps, where),
                series(b, "load_kw", isps, where),
                series(b, "import_price", isps, where),
                series(b, "export_price", isps, where),
                limits(b.get("grid"), isps),
                evs,
                bat == null || bat.isNull() ? null : battery(bat, where));
    }

    private static EvSession ev(JsonNode e, String where) {
        String id = text(required(e, "id", where + " EV"), where + " EV id");
        String at = where + " EV " + id;
        JsonNode window = required(e, "available", at);
        if (!window.isArray() || window.size() != 2) {
            throw new IllegalArgumentException(at + ": available must be [arrival_isp, departure_isp]");
        }
        return new EvSession(id,
                e.path("vehicle").isTextual() ? e.get("vehicle").asText() : null,
                requiredNumber(e, "capacity_kwh", at),
                requiredNumber(e, "soc0", at),
                number(e, "soc_min", 0.0, at + " "),
                number(e, "soc_max", 1.0, at + " "),
                requiredNumber(e, "max_kw", at),
                number(e, "min_kw", 0.0, at + " "),
                number(e, "charge_eff", EvSession.DEFAULT_CHARGE_EFF, at + " "),
                integer(window.get(0), at + " arrival_isp"),
                integer(window.get(1), at + " departure_isp"),
                requiredNumber(e, "required_kwh_by_departure", at),
                optional(e, "surplus_value_eur_per_kwh", at));
    }

    private static Battery battery(JsonNode b, String where) {
        String at = where + " battery";
        double ec;
        double ed;
        if (b.hasNonNull("roundtrip_eff")) {
            ec = Math.sqrt(number(b.get("roundtrip_eff"), at + " roundtrip_eff"));
            ed = ec;
        } else {
            ec = number(b, "charge_eff", Battery.DEFAULT_EFF, at + " ");
            ed = number(b, "discharge_eff", Battery.DEFAULT_EFF, at + " ");
        }
        return new Battery(requiredNumber(b, "capacity_kwh", at), requiredNumber(b, "soc0", at),
                number(b, "soc_min", 0.0, at + " "), number(b, "soc_max", 1.0, at + " "),
                requiredNumber(b, "max_charge_kw", at), requiredNumber(b, "max_discharge_kw", at), ec, ed,
                optional(b, "soc_final_min", at), optional(b, "terminal_value_eur_per_kwh", at));
    }

    private static GridLimits limits(JsonNode node, int isps) {
        if (node == null || node.isNull()) {
            return GridLimits.NONE;
        }
        return new GridLimits(limit(node.get("import_max_kw"), isps, "import_max_kw"),
                limit(node.get("export_max_kw"), isps, "export_max_kw"));
    }

    private static double[] limit(JsonNode node, int isps, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return toArray(node, isps, key);
        }
        double[] out = new double[isps];
        Arrays.fill(out, number(node, key));
        return out;
    }

    private static double[] series(JsonNode b, String key, int isps, String where) {
        return toArray(required(b, key, where), isps, where + " " + key);
    }

    private static double[] toArray(JsonNode node, int isps, String what) {
        if (!node.isArray() || node.size() != isps) {
            throw new IllegalArgumentException(what + ": expected " + isps + " numbers");
        }
        double[] out = new double[isps];
        for (int t = 0; t < isps; t++) {
            out[t] = number(node.get(t), what + "[" + t + "]");
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing " + key);
        }
        return v;
    }

    private static double requiredNumber(JsonNode node, String key, String where) {
        return number(required(node, key, where), where + " " + key);
    }

    private static Double optional(JsonNode node, String key, String where) {
        return node.hasNonNull(key) ? number(node.get(key), where + " " + key) : null;
    }

    // ------------------------------------------------------------------ writing

    public String write(SelfConsumptionResult result, boolean schedules) {
        try {
            return mapper.writeValueAsString(toJson(result, schedules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode toJson(SelfConsumptionResult r, boolean schedules) {
        ObjectNode out = mapper.createObjectNode();
        BuildingResult.ModelSize size = r.modelSize();
        out.put("instance", r.name());
        out.put("solver", "ojalgo");
        out.put("solver_impl", "ojAlgo 57.1.0 LinearSolver (dual simplex), per building");
        out.put("objective_mode", r.objective().wireName());
        out.put("mip", r.buildings().stream().anyMatch(b -> b.repair() != null));
        out.put("mode", "per-building");
        out.put("n_buildings", r.buildings().size());
        out.put("n_isp", r.buildings().isEmpty() ? 0 : r.buildings().get(0).schedule().gridImportKw().length);
        out.put("n_ev_sessions", r.evSessions());
        out.put("n_batteries", r.buildings().stream().filter(b -> b.schedule().battery() != null).count());
        out.put("n_vars", size.columns());
        // the model itself has no integer columns; the direction repair branches on bounds instead
        out.put("n_int", 0);
        out.put("n_cons", size.rows());
        out.put("nnz", size.nonZeros());
        out.put("status", r.status());
        kpis(out, r.energy(), r.checks());
        putFinite(out, "objective_total", r.objectiveTotal());
        SelfConsumptionResult.Timing timing = r.timing();
        out.put("solve_time_s", timing.solveSeconds());
        ObjectNode per = out.putObject("per_building_solve_s");
        per.put("p50", timing.p50BuildingSeconds());
        per.put("max", timing.maxBuildingSeconds());
        per.put("mean", timing.meanBuildingSeconds());
        out.put("total_time_s", timing.totalSeconds());
        if (r.baseline() != null) {
            baseline(out.putObject("baseline_rule_based"), r.baseline());
            putOptional(out, "saving_vs_baseline_eur", r.savingVsBaselineEur());
            putOptional(out, "saving_vs_baseline_ratio", r.savingVsBaselineRatio());
        }
        if (!r.warnings().isEmpty()) {
            out.put("warning", String.join("; ", r.warnings()));
        }
        ArrayNode buildings = out.putArray("buildings");
        for (BuildingResult b : r.buildings()) {
            buildings.add(building(b, schedules));
        }
        return out;
    }

    private ObjectNode building(BuildingResult b, boolean schedules) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", b.id());
        o.put("status", b.status().wireName());
        putFinite(o, "objective_total", b.objectiveTotal());
        o.put("cost_eur", b.energy().gridCostEur());
        kpis(o, b.energy(), b.checks());
        if (b.baseline() != null) {
            baseline(o.putObject("baseline_rule_based"), b.baseline());
        }
        ArrayNode shortfalls = o.putArray("shortfalls");
        for (Shortfall s : b.shortfalls()) {
            shortfalls.addObject().put("kind", s.kind().wireName()).put("subject", s.subject()).put("kwh", s.kwh());
        }
        if (b.repair() != null) {
            BuildingResult.Repair rep = b.repair();
            o.putObject("direction_repair").put("lp_objective", rep.lpObjective()).put("objective", rep.objective())
                    .put("best_bound", rep.bestBound()).put("nodes", rep.nodes()).put("proven", rep.proven());
        }
        ArrayNode notes = o.putArray("notes");
        b.notes().forEach(notes::add);
        if (schedules) {
            array(o, "pv_surplus_kw", b.pvSurplus().kw());
            Schedule s = b.schedule();
            ObjectNode sched = o.putObject("schedule");
            array(sched, "gin", s.gridImportKw());
            array(sched, "gout", s.gridExportKw());
            array(sched, "curt", s.curtailedKw());
            ObjectNode ev = sched.putObject("ev");
            for (Map.Entry<String, double[]> e : s.ev().entrySet()) {
                array(ev, e.getKey(), e.getValue());
            }
            if (s.battery() == null) {
                sched.putNull("bat");
            } else {
                ObjectNode bat = sched.putObject("bat");
                array(bat, "ch", s.battery().chargeKw());
                array(bat, "dis", s.battery().dischargeKw());
                array(bat, "E", s.battery().energyKwh());
            }
        }
        return o;
    }

    /** The head both the plan and the baseline objects start with, in the reference's key order. */
    private static void costs(ObjectNode o, EnergyBalance e) {
        o.put("objective_eur", e.gridCostEur());
        o.put("net_cost_eur", e.netCostEur());
        putOptional(o, "self_consumption_ratio", e.selfConsumptionRatio());
    }

    private static void kpis(ObjectNode o, EnergyBalance e, ScheduleChecks c) {
        costs(o, e);
        putOptional(o, "self_sufficiency_ratio", e.selfSufficiencyRatio());
        o.put("pv_kwh", e.pvKwh());
        o.put("load_kwh", e.loadKwh());
        o.put("import_kwh", e.importKwh());
        o.put("export_kwh", e.exportKwh());
        o.put("curtailed_kwh", e.curtailedKwh());
        o.put("ev_charged_kwh", e.evChargedKwh());
        o.put("ev_unmet_kwh", e.evUnmetKwh());
        o.put("battery_loss_kwh", e.batteryLossKwh());
        o.put("max_simultaneous_import_export_kw", c.maxSimultaneousImportExportKw());
        o.put("max_simultaneous_charge_discharge_kw", c.maxSimultaneousChargeDischargeKw());
        o.put("ev_isps_below_min_kw", c.evIspsBelowMinKw());
    }

    private static void baseline(ObjectNode o, EnergyBalance e) {
        costs(o, e);
        o.put("ev_charged_kwh", e.evChargedKwh());
        o.put("import_kwh", e.importKwh());
        o.put("export_kwh", e.exportKwh());
        o.put("curtailed_kwh", e.curtailedKwh());
        o.put("ev_unmet_kwh", e.evUnmetKwh());
    }

    /** A rule-based fallback has no solver objective (NaN), which JSON cannot carry: null instead. */
    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void putOptional(ObjectNode o, String key, OptionalDouble v) {
        if (v.isPresent()) {
            o.put(key, v.getAsDouble());
        } else {
            o.putNull(key);
        }
    }

    private static void array(ObjectNode o, String key, double[] values) {
        ArrayNode a = o.putArray(key);
        for (double v : values) {
            a.add(v);
        }
    }
}
