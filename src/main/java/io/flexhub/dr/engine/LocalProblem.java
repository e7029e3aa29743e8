package io.flexhub.dr.engine;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.FlexOfferProblem;
import io.flexhub.flex.optimizer.FlexRequest;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.flex.optimizer.RequestIsp;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;

/**
 * An internal flexibility request as an offer LP over just the request's ISPs: positive values are Requested ISPs
 * (the value is the wanted deviation, minimum and maximum), negative ones Available ISPs with that room, zeros
 * are left out (devices keep their baseline there). Controllable devices may curtail up to their factor;
 * shiftable ones may move energy inside their daily window, which is mapped onto the ISPs in the site's zone.
 * Energy can only move within the request's horizon, so a shiftable device needs Available ISPs to shift into.
 */
public final class LocalProblem {

    /** One device with what the context says about it. */
    public record DeviceInput(Device device, FlexConfiguration configuration, double[] baselineKw) {
    }

    /** The problem, and why devices were left out (for a Denied answer). */
    public record Built(FlexOfferProblem problem, List<String> notes, int usableDevices) {
    }

    private LocalProblem() {
    }

    public static Built build(LocalFlexRequest request, ZoneId zone, List<DeviceInput> devices) {
        double[] values = request.kw();
        int count = values.length;
        int minutes = Math.toIntExact(request.isp().toMinutes());
        List<RequestIsp> isps = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            if (values[t] > 0) {
                isps.add(RequestIsp.requested(t + 1, values[t], values[t]));
            } else if (values[t] < 0) {
                isps.add(RequestIsp.available(t + 1, -values[t]));
            }
        }
        List<ControllableDevice> controllable = new ArrayList<>();
        List<ShiftableDevice> shiftable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (DeviceInput input : devices) {
            Device d = input.device();
            FlexConfiguration c = input.configuration();
            if (c == null) {
                notes.add(d.id() + ": no FlexConfiguration");
                continue;
            }
            List<Double> baseline = Arrays.stream(input.baselineKw()).boxed().toList();
            switch (c.flexibilityType()) {
                case CONTROLLABLE -> {
                    double factor = c.controllabilityFactor() == null ? 0.0 : c.controllabilityFactor();
                    if (factor <= 0.0) {
                        notes.add(d.id() + ": controllable with factor 0");
                        continue;
                    }
                    if (!hasPositive(input.baselineKw(), values)) {
                        notes.add(d.id() + ": controllable (factor " + factor
                                + ") but its baseline is 0 kW in every requested ISP, nothing to curtail");
                    }
                    controllable.add(new ControllableDevice(d.id(), baseline, factor,
                            ControllableDevice.DEFAULT_WEIGHT, null));
                }
                case SHIFTABLE -> {
                    if (c.operationWindow() == null) {
                        notes.add(d.id() + ": shiftable without an operation window");
                        continue;
                    }
                    boolean[] window = window(c.operationWindow(), request.start(), request.isp().toSeconds(), count,
                            zone);
                    for (int t = 0; t < count; t++) {
                        // the forecast says it runs there anyway: pinning it to 0 could make the LP infeasible
                        if (input.baselineKw()[t] > 1e-9) {
                            window[t] = true;
                        }
                    }
                    if (request.direction() == Direction.REDUCE
                            && !anyRequestedWithLoad(input.baselineKw(), values)) {
                        notes.add(d.id() + ": shiftable (window " + c.operationWindow().startTime() + "-"
                                + c.operationWindow().endTime() + ") but it has no load in a requested ISP "
                                + "to move away");
                    }
                    double max = Math.max(d.ratedPowerKw(), Arrays.stream(input.baselineKw()).max().orElse(0.0));
                    shiftable.add(new ShiftableDevice(d.id(), baseline, max, runs(window),
                            ShiftableDevice.DEFAULT_WEIGHT, true));
                }
                default -> notes.add(d.id() + ": " + c.flexibilityType().value() + ", not usable for flexibility");
            }
        }
        FlexOfferProblem problem = new FlexOfferProblem(count, minutes, new FlexRequest(request.direction(), isps),
                null, controllable, shiftable);
        return new Built(problem, notes, controllable.size() + shiftable.size());
    }

    /** Which ISPs start inside the daily window, in the site's local time. */
    static boolean[] window(DailyWindow w, Instant start, long ispSeconds, int count, ZoneId zone) {
        boolean[] in = new boolean[count];
        for (int t = 0; t < count; t++) {
            LocalTime local = start.plusSeconds(ispSeconds * t).atZone(zone).toLocalTime();
            in[t] = w.crossesMidnight()
                    ? !local.isBefore(w.startTime()) || local.isBefore(w.endTime())
                    : !local.isBefore(w.startTime()) && local.isBefore(w.endTime());
        }
        return in;
    }

    static List<OperationWindow> runs(boolean[] window) {
        List<OperationWindow> runs = new ArrayList<>();
        int t = 0;
        while (t < window.length) {
            if (!window[t]) {
                t++;
                continue;
            }
            int from = t;
            while (t < window.length && window[t]) {
                t++;
            }
            runs.add(new OperationWindow(from, t));
        }
        return runs;
    }

    private static boolean hasPositive(double[] baseline, double[] values) {
        for (int t = 0; t < values.length; t++) {
            if (values[t] > 0 && baseline[t] > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyRequestedWithLoad(double[] baseline, double[] values) {
        return hasPositive(baseline, values);
    }
}
