package io.flexhub.flex.optimizer;

import static io.flexhub.common.JsonFields.array;
import static io.flexhub.common.JsonFields.bool;
import static io.flexhub.common.JsonFields.integer;
import static io.flexhub.common.JsonFields.number;
import static io.flexhub.common.JsonFields.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the {@code phoenix-flexoffer/1} JSON of {@code bench/ref_flexoffer.py}: problems in exactly the
 * reference's schema (defaults as the reference applies them), solutions with the reference's result keys plus
 * {@code outcome}, {@code detail}, {@code offer_power_w} and {@code requested_isps} (whose {@code isp} is 1-based,
 * like a request's {@code start}). Reading a solution accepts the reference's own output too. Mapping is explicit
 * so that the domain records stay free of Jackson annotations.
 */
public final class FlexOfferJson {

    public static final String SCHEMA = "phoenix-flexoffer/1";

    private static final Names<Direction> DIRECTIONS = new Names<>("direction", Direction.values(), "reduce",
            "increase");
    private static final Names<Disposition> DISPOSITIONS = new Names<>("disposition", Disposition.values(),
            "Requested", "Available");

    private final ObjectMapper mapper;

    public FlexOfferJson() {
        this(new ObjectMapper());
    }

    public FlexOfferJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public FlexOfferProblem readProblem(String json) {
        return problemFromTree(parse(json));
    }

    public String writeProblem(FlexOfferProblem problem) {
        return write(problemToTree(problem));
    }

    public FlexOfferSolution readSolution(String json) {
        return solutionFromTree(parse(json));
    }

    public String writeSolution(FlexOfferSolution solution) {
        return write(solutionToTree(solution));
    }

    public FlexOfferProblem problemFromTree(JsonNode root) {
        JsonNode schema = root.get("schema");
        if (schema != null && !SCHEMA.equals(schema.asText())) {
            throw new IllegalArgumentException("unsupported schema " + schema.asText() + ", expected " + SCHEMA);
        }
        JsonNode request = required(root, "request");
        List<RequestIsp> isps = list(required(request, "isps"), "request.isps", e -> new RequestIsp(
                integer(required(e, "start"), "request isp start"), integer(e, "duration", 1, "request isp "),
                DISPOSITIONS.parse(text(required(e, "disposition"), "request isp disposition")),
                number(e, "min_kw", 0.0, "request isp "), number(required(e, "max_kw"), "request isp max_kw")));
        FlexRequest flexRequest = new FlexRequest(DIRECTIONS.parse(text(request, "direction", "reduce", "request ")),
                isps);
        List<Double> ispWeight = root.hasNonNull("isp_weight") ? doubles(root.get("isp_weight"), "isp_weight") : null;
        List<ControllableDevice> controllable = list(root.path("controllable"), "controllable", d -> {
            String id = text(required(d, "id"), "controllable id");
            String at = "controllable " + id + " ";
            return new ControllableDevice(id, doubles(required(d, "baseline_kw"), at + "baseline_kw"),
                    number(required(d, "factor"), at + "factor"),
                    number(d, "weight", ControllableDevice.DEFAULT_WEIGHT, at),
                    d.hasNonNull("max_kwh") ? number(d.get("max_kwh"), at + "max_kwh") : null);
        });
        List<ShiftableDevice> shiftable = list(root.path("shiftable"), "shiftable", d -> {
            String id = text(required(d, "id"), "shiftable id");
            String at = "shiftable " + id + " ";
            return new ShiftableDevice(id, doubles(required(d, "baseline_kw"), at + "baseline_kw"),
                    number(required(d, "max_kw"), at + "max_kw"),
                    list(required(d, "windows"), at + "windows", w -> window(w, at + "window")),
                    number(d, "weight", ShiftableDevice.DEFAULT_WEIGHT, at), bool(d, "mandatory", true, at));
        });
        return new FlexOfferProblem(integer(root, "n_isp", FlexOfferProblem.DEFAULT_ISP_COUNT, ""),
                integer(root, "isp_minutes", FlexOfferProblem.DEFAULT_ISP_MINUTES, ""), flexRequest, ispWeight,
                controllable, shiftable);
    }

    private static OperationWindow window(JsonNode w, String what) {
        if (!w.isArray() || w.size() != 2) {
            throw new IllegalArgumentException(what + " must be [start_isp, end_isp], got " + abbreviated(w));
        }
        return new OperationWindow(integer(w.get(0), what + " start"), integer(w.get(1), what + " end"));
    }

    public ObjectNode problemToTree(FlexOfferProblem problem) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("n_isp", problem.ispCount());
        root.put("isp_minutes", problem.ispMinutes());
        ObjectNode request = root.putObject("request");
        request.put("direction", DIRECTIONS.name(problem.request().direction()));
        ArrayNode isps = request.putArray("isps");
        for (RequestIsp e : problem.request().isps()) {
            ObjectNode entry = isps.addObject();
            entry.put("start", e.start());
            if (e.duration() != 1) {
                entry.put("duration", e.duration());
            }
            entry.put("disposition", DISPOSITIONS.name(e.disposition()));
            entry.put("min_kw", e.minKw());
            entry.put("max_kw", e.maxKw());
        }
        if (problem.ispWeight() != null) {
            putDoubles(root.putArray("isp_weight"), problem.ispWeight());
        }
        ArrayNode controllable = root.putArray("controllable");
        for (ControllableDevice d : problem.controllable()) {
            ObjectNode device = putDevice(controllable, d.id(), d.baselineKw());
            device.put("factor", d.factor());
            device.put("weight", d.weight());
            if (d.maxKwh() != null) {
                device.put("max_kwh", d.maxKwh());
            }
        }
        ArrayNode shiftable = root.putArray("shiftable");
        for (ShiftableDevice d : problem.shiftable()) {
            ObjectNode device = putDevice(shiftable, d.id(), d.baselineKw());
            device.put("max_kw", d.maxKw());
            ArrayNode windows = device.putArray("windows");
            for (OperationWindow w : d.windows()) {
                windows.addArray().add(w.fromIsp()).add(w.toIsp());
            }
            device.put("weight", d.weight());
            device.put("mandatory", d.mandatory());
        }
        return root;
    }

    public ObjectNode solutionToTree(FlexOfferSolution s) {
        ObjectNode root = mapper.createObjectNode();
        root.put("status", s.outcome() == FlexOfferSolution.Outcome.INFEASIBLE ? "infeasible" : "optimal");
        root.put("direction", DIRECTIONS.name(s.direction()));
        root.put("requested_kwh", s.requestedKwh());
        root.put("delivered_kwh", s.deliveredKwh());
        root.put("shortfall_kwh", s.shortfallKwh());
        root.put("curtailed_kwh", s.curtailedKwh());
        root.put("shifted_kwh", s.shiftedKwh());
        root.put("stage1_value", s.stage1Value());
        root.put("stage2_discomfort", s.stage2Discomfort());
        putDoubles(root.putArray("offer_power_kw"), s.offerPowerKw());
        root.put("n_vars", s.lp().variables());
        root.put("n_cons", s.lp().constraints());
        root.put("stage1_s", s.lp().stage1Seconds());
        root.put("stage2_s", s.lp().stage2Seconds());
        ObjectNode plan = root.putObject("device_plan");
        for (DevicePlan p : s.devicePlan()) {
            ObjectNode device = plan.putObject(p.deviceId());
            if (p instanceof DevicePlan.Curtailment c) {
                device.put("type", "curtail");
                putDoubles(device.putArray("reduction_kw"), c.reductionKw());
            } else if (p instanceof DevicePlan.Shift shift) {
                device.put("type", "shift");
                putDoubles(device.putArray("schedule_kw"), shift.scheduleKw());
            }
        }
        root.put("outcome", s.outcome().name().toLowerCase());
        if (s.detail() != null) {
            root.put("detail", s.detail());
        }
        ArrayNode watts = root.putArray("offer_power_w");
        for (long w : s.offerPowerW()) {
            watts.add(w);
        }
        ArrayNode requested = root.putArray("requested_isps");
        for (IspDelivery d : s.requestedIsps()) {
            requested.addObject().put("isp", d.isp() + 1).put("min_kw", d.requestedMinKw())
                    .put("max_kw", d.requestedMaxKw()).put("delivered_kw", d.deliveredKw())
                    .put("shortfall_kw", d.shortfallKw());
        }
        return root;
    }

    public FlexOfferSolution solutionFromTree(JsonNode root) {
        List<Double> power = doubles(root.path("offer_power_kw"), "offer_power_kw");
        FlexOfferSolution.Outcome outcome = root.has("outcome")
                ? FlexOfferSolution.Outcome.valueOf(root.get("outcome").asText().toUpperCase())
                : referenceOutcome(root.path("status").asText(), power);
        List<IspDelivery> requested = list(root.path("requested_isps"), "requested_isps", d -> new IspDelivery(
                d.path("isp").asInt() - 1, d.path("min_kw").asDouble(), d.path("max_kw").asDouble(),
                d.path("delivered_kw").asDouble(), d.path("shortfall_kw").asDouble()));
        List<DevicePlan> plan = new ArrayList<>();
        root.path("device_plan").fields().forEachRemaining(e -> plan.add("curtail".equals(e.getValue()
                .path("type").asText())
                        ? new DevicePlan.Curtailment(e.getKey(), doubles(e.getValue().path("reduction_kw"),
                                "reduction_kw"))
                        : new DevicePlan.Shift(e.getKey(), doubles(e.getValue().path("schedule_kw"),
                                "schedule_kw"))));
        String detail = root.hasNonNull("detail") ? root.get("detail").asText()
                : root.hasNonNull("message") ? root.get("message").asText() : null;
        return new FlexOfferSolution(outcome, detail, DIRECTIONS.parse(root.path("direction").asText("reduce")),
                root.path("requested_kwh").asDouble(), root.path("delivered_kwh").asDouble(),
                root.path("shortfall_kwh").asDouble(), root.path("curtailed_kwh").asDouble(),
                root.path("shifted_kwh").asDouble(), root.path("stage1_value").asDouble(),
                root.path("stage2_discomfort").asDouble(), power, requested, plan,
                new FlexOfferSolution.LpStats(root.path("n_vars").asInt(), root.path("n_cons").asInt(),
                        root.path("stage1_s").asDouble(), root.path("stage2_s").asDouble()));
    }

    /**
     * The reference reports no outcome, only "optimal" or a solver status, and its output does not say which ISPs
     * were Requested: a power of 0.5 W or more in any ISP counts as an offer here. Where that matters, decide with
     * the problem at hand (optional devices may move energy in Available ISPs while delivering nothing).
     */
    private static FlexOfferSolution.Outcome referenceOutcome(String status, List<Double> power) {
        if (!"optimal".equals(status)) {
            return FlexOfferSolution.Outcome.INFEASIBLE;
        }
        boolean any = power.stream().anyMatch(kw -> Math.abs(kw) >= FlexOfferOptimizer.NO_OFFER_KW);
        return any ? FlexOfferSolution.Outcome.OFFER : FlexOfferSolution.Outcome.NOTHING_TO_OFFER;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\" in " + abbreviated(node));
        }
        return value;
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /** An absent list is empty; anything but an array of numbers is refused. */
    private static List<Double> doubles(JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return DoubleList.wrap(new double[0]);
        }
        JsonNode array = array(node, what);
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(array.get(i), what + "[" + i + "]");
        }
        return DoubleList.wrap(values);
    }

    /** An absent list is empty; anything but an array is refused. */
    private static <T> List<T> list(JsonNode node, String what, Function<JsonNode, T> item) {
        if (node.isMissingNode() || node.isNull()) {
            return new ArrayList<>();
        }
        JsonNode array = array(node, what);
        List<T> values = new ArrayList<>(array.size());
        for (JsonNode v : array) {
            values.add(item.apply(v));
        }
        return values;
    }

    private static ObjectNode putDevice(ArrayNode devices, String id, List<Double> baselineKw) {
        ObjectNode device = devices.addObject();
        device.put("id", id);
        putDoubles(device.putArray("baseline_kw"), baselineKw);
        return device;
    }

    private static void putDoubles(ArrayNode array, List<Double> values) {
        for (double v : values) {
            array.add(v);
        }
    }

    /** The schema's spelling of an enum, in declaration order. */
    private record Names<E extends Enum<E>>(String field, E[] values, String... names) {

        E parse(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", names) + ", got " + name);
        }

        String name(E value) {
            return names[value.ordinal()];
        }
    }
}
