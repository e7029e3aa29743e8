package io.flexhub.selfconsumption.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flexhub.ngsild.client.NgsiLdDateTime;
import io.flexhub.selfconsumption.optimizer.BuildingResult;
import io.flexhub.selfconsumption.optimizer.Schedule;
import io.flexhub.site.Actuation;

/**
 * The optimised schedule of a site split per device (each charger, the battery), as NGSI-LD entities and as the
 * setpoints that execute it at ISP boundaries.
 *
 * <p>Power is kW, ISP average, positive = consumption: a charger's charging power, the battery's charge minus
 * discharge. A charger is only commanded over the planned part of its sessions and handed back ({@code RESTORE}) at
 * their end, so it follows its own schedule outside the plan (e.g. the evening part of a session crossing midnight,
 * which the next night plans); the battery is commanded all day and handed back at the horizon end.
 */
public final class DeviceSchedules {

    /** Setpoints closer than this (kW, i.e. 1 W) are the same setpoint: no command for solver noise. */
    static final double SETPOINT_RESOLUTION_KW = 1e-3;

    private DeviceSchedules() {
    }

    /**
     * @param fromIsp first commanded ISP; {@code toIsp} exclusive
     */
    public record DeviceSchedule(String deviceId, String kind, double[] powerKw, int fromIsp, int toIsp) {
    }

    public static List<DeviceSchedule> of(SitePlan plan, BuildingResult result) {
        Schedule s = result.schedule();
        int count = plan.building().isps();
        Map<String, double[]> chargers = new LinkedHashMap<>();
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (SitePlan.PlannedSession p : plan.sessions()) {
            double[] ev = s.ev().get(p.sessionId());
            double[] kw = chargers.computeIfAbsent(p.chargerId(), k -> new double[count]);
            if (ev != null) {
                for (int t = p.fromIsp(); t < p.toIsp(); t++) {
                    kw[t] += ev[t];
                }
            }
            int[] r = ranges.computeIfAbsent(p.chargerId(), k -> new int[] {p.fromIsp(), p.toIsp()});
            r[0] = Math.min(r[0], p.fromIsp());
            r[1] = Math.max(r[1], p.toIsp());
        }
        List<DeviceSchedule> out = new ArrayList<>();
        chargers.forEach((id, kw) -> out.add(new DeviceSchedule(id, "EVChargingStation", kw, ranges.get(id)[0],
                ranges.get(id)[1])));
        if (plan.batteryDeviceId() != null && s.battery() != null) {
            double[] kw = new double[count];
            for (int t = 0; t < count; t++) {
                kw[t] = s.battery().chargeKw()[t] - s.battery().dischargeKw()[t];
            }
            out.add(new DeviceSchedule(plan.batteryDeviceId(), "Battery", kw, 0, count));
        }
        return out;
    }

    /** One {@code DeviceSchedule} entity per device (normalised NGSI-LD), id stable per device and day. */
    public static List<Map<String, Object>> entities(SitePlan plan, List<DeviceSchedule> schedules, long runId,
            Instant issuedAt) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeviceSchedule d : schedules) {
            Map<String, Object> e = new LinkedHashMap<>();
            String local = d.deviceId().substring(d.deviceId().lastIndexOf(':') + 1);
            e.put("id", "urn:ngsi-ld:DeviceSchedule:" + local + ":" + plan.day());
            e.put("type", "DeviceSchedule");
            e.put("refDevice", Map.of("type", "Relationship", "object", d.deviceId()));
            e.put("refBuilding", Map.of("type", "Relationship", "object", plan.site().id()));
            e.put("startTime", property(Map.of("@type", "DateTime", "@value", NgsiLdDateTime.format(plan.start()))));
            e.put("ispDuration", property(plan.isp().toString()));
            Map<String, Object> power = new LinkedHashMap<>(property(round(d.powerKw())));
            power.put("unitCode", "KWT");
            e.put("powerKw", power);
            e.put("controlledFrom", property(Map.of("@type", "DateTime",
                    "@value", NgsiLdDateTime.format(plan.start().plus(plan.isp().multipliedBy(d.fromIsp()))))));
            e.put("controlledUntil", property(Map.of("@type", "DateTime",
                    "@value", NgsiLdDateTime.format(plan.start().plus(plan.isp().multipliedBy(d.toIsp()))))));
            e.put("scheduleSource", property("selfconsumption-run-" + runId));
            e.put("dateIssued", property(Map.of("@type", "DateTime", "@value", NgsiLdDateTime.format(issuedAt))));
            out.add(e);
        }
        return out;
    }

    /** A setpoint at every ISP boundary where the power changes, then {@code RESTORE} at the end of the range. */
    public static List<Actuation> commands(SitePlan plan, List<DeviceSchedule> schedules, long runId) {
        String reference = "selfconsumption-run-" + runId;
        List<Actuation> out = new ArrayList<>();
        for (DeviceSchedule d : schedules) {
            if (d.fromIsp() >= d.toIsp()) {
                continue;
            }
            double last = Double.NaN;
            for (int t = d.fromIsp(); t < d.toIsp(); t++) {
                double kw = Math.round(d.powerKw()[t] * 1000.0) / 1000.0;
                if (Double.isNaN(last) || Math.abs(kw - last) >= SETPOINT_RESOLUTION_KW) {
                    out.add(new Actuation(d.deviceId(), Actuation.Command.SETPOINT, kw,
                            plan.start().plus(plan.isp().multipliedBy(t)), reference));
                    last = kw;
                }
            }
            out.add(new Actuation(d.deviceId(), Actuation.Command.RESTORE, null,
                    plan.start().plus(plan.isp().multipliedBy(d.toIsp())), reference));
        }
        return out;
    }

    private static Map<String, Object> property(Object value) {
        return Map.of("type", "Property", "value", value);
    }

    private static List<Double> round(double[] kw) {
        List<Double> out = new ArrayList<>(kw.length);
        for (double v : kw) {
            out.add(Math.round(v * 1000.0) / 1000.0);
        }
        return out;
    }
}
