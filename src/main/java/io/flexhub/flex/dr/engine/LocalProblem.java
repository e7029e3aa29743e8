package io.flexhub.flex.dr.engine;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.FlexOfferProblem;
import io.flexhub.flex.optimizer.FlexRequest;
import io.flexhub.flex.optimizer.RequestIsp;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.flex.problem.DeviceFlexibility;
import io.flexhub.flex.problem.IspGrid;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;

/**
 * An internal flexibility request as an offer LP over just the request's ISPs: positive values are Requested ISPs
 * (the value is the wanted deviation, minimum and maximum), negative ones Available ISPs with that room, zeros
 * are left out (devices keep their baseline there). Devices become the LP's devices by the rules of
 * {@link io.flexhub.flex.problem}, as for a UFTP FlexRequest. Energy can only move within the request's horizon, so
 * a shiftable device needs Available ISPs to shift into.
 */
public final class LocalProblem {

    /** One device with what the context says about it; no baseline is needed when it cannot help anyway. */
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
        IspGrid grid = new IspGrid(request.start(), request.isp(), count);
        List<ControllableDevice> controllable = new ArrayList<>();
        List<ShiftableDevice> shiftable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (DeviceInput input : devices) {
            Device d = input.device();
            FlexConfiguration c = input.configuration();
            String unusable = DeviceFlexibility.unusable(d, c, request.direction());
            if (unusable != null) {
                notes.add(unusable);
                continue;
            }
            DeviceFlexibility.Mapped mapped = DeviceFlexibility.of(d, c, input.baselineKw(), request.direction(), grid,
                    zone);
            if (!mapped.usable()) {
                notes.add(mapped.note());
            } else if (mapped.controllable() != null) {
                if (!hasPositive(input.baselineKw(), values)) {
                    notes.add(d.id() + ": controllable (factor " + c.controllabilityFactor()
                            + ") but its baseline is 0 kW in every requested ISP, nothing to curtail");
                }
                controllable.add(mapped.controllable());
            } else {
                if (request.direction() == Direction.REDUCE
                        && !hasPositive(mapped.shiftable().baselineKw().stream().mapToDouble(Double::doubleValue)
                                .toArray(), values)) {
                    notes.add(d.id() + ": shiftable (window " + c.operationWindow().startTime() + "-"
                            + c.operationWindow().endTime() + ") but it has no load in a requested ISP "
                            + "to move away");
                }
                shiftable.add(mapped.shiftable());
            }
        }
        FlexOfferProblem problem = new FlexOfferProblem(count, minutes, new FlexRequest(request.direction(), isps),
                null, controllable, shiftable);
        return new Built(problem, notes, controllable.size() + shiftable.size());
    }

    private static boolean hasPositive(double[] baseline, double[] values) {
        for (int t = 0; t < values.length; t++) {
            if (values[t] > 0 && baseline[t] > 0) {
                return true;
            }
        }
        return false;
    }
}
