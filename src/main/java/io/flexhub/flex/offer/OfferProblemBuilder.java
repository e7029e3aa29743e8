package io.flexhub.flex.offer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.Disposition;
import io.flexhub.flex.optimizer.FlexOfferProblem;
import io.flexhub.flex.optimizer.RequestIsp;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.flex.problem.DeviceFlexibility;
import io.flexhub.flex.problem.IspGrid;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;
import io.flexhub.usef.time.IspCalendar;

/**
 * Builds the optimizer's problem for a UFTP FlexRequest from the building context behind its congestion point.
 *
 * <ul>
 * <li><b>ISPs</b> come from the request's Period, TimeZone and ISP-Duration ({@link IspCalendar}): 92, 96 or 100 a
 * day at PT15M.</li>
 * <li><b>Sign.</b> UFTP MinPower/MaxPower are deviations in W, positive = more consumption. The optimizer takes a
 * direction plus kW magnitudes: a reduce ISP {@code [MinPower, MaxPower] = [-20000, -5000]} becomes
 * {@code [5, 20]} kW. Available ISPs give the room for a deviation opposite to the direction: {@code MaxPower}
 * for a reduce request (load may move in), {@code -MinPower} for an increase.</li>
 * <li><b>Direction.</b> Requested ISPs with {@code MaxPower <= 0} ask for less consumption, those with
 * {@code MinPower >= 0} for more. A request that mixes both (UFTP allows it per ISP) is answered in the direction
 * that asks for more energy in total (the reduction wins a tie: congestion is the usual case); the Requested ISPs of
 * the other direction are left out of the problem, so the offer keeps the baseline there.</li>
 * <li><b>Devices</b> become the LP's devices by the rules of {@link io.flexhub.flex.problem}, the same for
 * every kind of request: controllable ones curtail (reduce only), shiftable ones move energy inside the ISPs wholly
 * inside their daily operation window, in the site's local time.</li>
 * <li><b>Begun ISPs.</b> ISPs that start by the earliest instant a change can still reach the devices (now plus
 * the lead time) are left out of the problem, so the offer keeps the baseline there and the direction is that of the
 * ISPs still ahead; when every Requested ISP is among them there is nothing to offer.</li>
 * </ul>
 * Plain Java, reads the context only through the {@link ContextStore} port.
 */
public final class OfferProblemBuilder {

    private final ContextStore context;

    public OfferProblemBuilder(ContextStore context) {
        this.context = context;
    }

    public OfferProblem build(FlexRequest request) {
        return build(request, Set.of());
    }

    /**
     * @param committed devices already running (or about to run) a demand-response event in the period: their
     *                  flexibility is sold, offering it again would let two orders drive one device
     */
    public OfferProblem build(FlexRequest request, Set<String> committed) {
        return build(request, committed, Instant.MIN);
    }

    /**
     * @param earliest the first instant a device can still be changed: ISPs starting by then keep their baseline
     */
    public OfferProblem build(FlexRequest request, Set<String> committed, Instant earliest) {
        LocalDate period = request.getPeriod();
        ZoneId zone = ZoneId.of(request.getTimeZone());
        Duration isp = request.getISPDuration();
        IspCalendar calendar = new IspCalendar(zone, isp);
        int count = calendar.ispCount(period);
        Instant periodStart = calendar.startOfPeriod(period);
        int firstOpen = calendar.firstIspAfter(period, earliest);
        List<FlexRequestISPType> open = from(firstOpen, request.getISPS());
        Direction direction = directionOf(open);
        List<Integer> ignored = new ArrayList<>();
        List<RequestIsp> isps = requestIsps(open, direction, ignored);
        if (open.stream().noneMatch(OfferProblemBuilder::requested) && request.getISPS().stream()
                .anyMatch(OfferProblemBuilder::requested)) {
            return none(direction, periodStart, count, ignored, NoOfferReason.BEGUN, "every Requested ISP of "
                    + period + " has begun or begins before " + earliest + " (now plus the lead time)");
        }

        String cp = request.getCongestionPoint();
        List<Device> devices = context.devices(cp);
        if (devices.isEmpty()) {
            return none(direction, periodStart, count, ignored, NoOfferReason.NO_DEVICES,
                    "no devices behind congestion point " + cp);
        }
        ZoneId siteZone = context.siteByCongestionPoint(cp).map(Site::timeZone).orElse(zone);
        List<ControllableDevice> controllable = new ArrayList<>();
        List<ShiftableDevice> shiftable = new ArrayList<>();
        Map<String, double[]> baselines = new LinkedHashMap<>();
        int busy = 0;
        IspGrid grid = new IspGrid(periodStart, isp, count);
        for (Device device : devices) {
            if (committed.contains(device.id())) {
                busy++;
                continue;
            }
            FlexConfiguration config = context.flexConfigurationOf(device.id()).orElse(null);
            if (DeviceFlexibility.unusable(device, config, direction) != null) {
                continue;
            }
            double[] baseline = context.baselineKw(device.id(), periodStart, isp, count);
            DeviceFlexibility.Mapped mapped = DeviceFlexibility.of(device, config, baseline, direction, grid,
                    siteZone);
            if (mapped.controllable() != null) {
                controllable.add(mapped.controllable());
            } else if (mapped.shiftable() != null) {
                shiftable.add(mapped.shiftable());
            } else {
                continue;
            }
            baselines.put(device.id(), baseline);
        }
        if (controllable.isEmpty() && shiftable.isEmpty()) {
            return none(direction, periodStart, count, ignored, NoOfferReason.NO_FLEXIBLE_DEVICES,
                    devices.size() + " devices behind congestion point " + cp + " but none can "
                            + (direction == Direction.REDUCE ? "reduce" : "increase") + " its consumption"
                            + (busy > 0 ? " (" + busy + " already committed to demand-response events in the period)" : ""));
        }
        FlexOfferProblem problem = new FlexOfferProblem(count, Math.toIntExact(isp.toMinutes()),
                new io.flexhub.flex.optimizer.FlexRequest(direction, isps), null, controllable, shiftable);
        return new OfferProblem(problem, direction, periodStart, count, baselines, List.copyOf(ignored), null, null);
    }

    private static OfferProblem none(Direction direction, Instant periodStart, int count, List<Integer> ignored,
            NoOfferReason reason, String detail) {
        return new OfferProblem(null, direction, periodStart, count, Map.of(), List.copyOf(ignored), reason, detail);
    }

    /** The ISP elements from ISP {@code first} on, an element that straddles it cut there. */
    private static List<FlexRequestISPType> from(int first, List<FlexRequestISPType> isps) {
        if (first <= 1) {
            return isps;
        }
        List<FlexRequestISPType> open = new ArrayList<>(isps.size());
        for (FlexRequestISPType i : isps) {
            long end = i.getStart() + i.getDuration();
            if (end <= first) {
                continue;
            }
            if (i.getStart() >= first) {
                open.add(i);
                continue;
            }
            FlexRequestISPType cut = new FlexRequestISPType();
            cut.setDisposition(i.getDisposition());
            cut.setMinPower(i.getMinPower());
            cut.setMaxPower(i.getMaxPower());
            cut.setStart((long) first);
            cut.setDuration(end - first);
            open.add(cut);
        }
        return open;
    }

    private static boolean requested(FlexRequestISPType i) {
        return i.getDisposition() == AvailableRequestedType.REQUESTED;
    }

    /** The Requested ISPs' direction; see the class comment for mixed requests. */
    static Direction directionOf(FlexRequest request) {
        return directionOf(request.getISPS());
    }

    private static Direction directionOf(List<FlexRequestISPType> isps) {
        double reduceWh = 0.0;
        double increaseWh = 0.0;
        for (FlexRequestISPType i : isps) {
            if (i.getDisposition() != AvailableRequestedType.REQUESTED) {
                continue;
            }
            long min = value(i.getMinPower());
            long max = value(i.getMaxPower());
            if (max <= 0 && min < 0) {
                reduceWh += -(double) min * i.getDuration();
            } else if (min >= 0 && max > 0) {
                increaseWh += (double) max * i.getDuration();
            }
        }
        return increaseWh > reduceWh ? Direction.INCREASE : Direction.REDUCE;
    }

    private static List<RequestIsp> requestIsps(List<FlexRequestISPType> requestIsps, Direction direction,
            List<Integer> ignored) {
        List<RequestIsp> isps = new ArrayList<>();
        for (FlexRequestISPType i : requestIsps) {
            int start = Math.toIntExact(i.getStart());
            int duration = Math.toIntExact(i.getDuration());
            double minKw = value(i.getMinPower()) / 1000.0;
            double maxKw = value(i.getMaxPower()) / 1000.0;
            if (i.getDisposition() == AvailableRequestedType.REQUESTED) {
                boolean along = direction == Direction.REDUCE ? maxKw <= 0.0 : minKw >= 0.0;
                if (!along) {
                    for (int t = start; t < start + duration; t++) {
                        ignored.add(t);
                    }
                    continue;
                }
                // magnitudes in the requested direction: a reduce [-20, -5] kW is [5, 20]
                double lo = direction == Direction.REDUCE ? -maxKw : minKw;
                double hi = direction == Direction.REDUCE ? -minKw : maxKw;
                isps.add(new RequestIsp(start, duration, Disposition.REQUESTED, Math.max(0.0, lo), Math.max(0.0, hi)));
            } else {
                // room for the opposite deviation; a missing Disposition counts as Available
                double room = direction == Direction.REDUCE ? Math.max(0.0, maxKw) : Math.max(0.0, -minKw);
                isps.add(new RequestIsp(start, duration, Disposition.AVAILABLE, 0.0, room));
            }
        }
        return isps;
    }

    private static long value(Long watts) {
        return watts == null ? 0L : watts;
    }
}
