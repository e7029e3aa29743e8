package io.flexhub.flex.offer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.Disposition;
import io.flexhub.flex.optimizer.FlexOfferProblem;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.flex.optimizer.RequestIsp;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.site.ContextStore;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;
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
 * <li><b>Devices.</b> Controllable ones curtail up to their controllability factor (reduce only: the LP never
 * raises them); shiftable ones move energy inside their daily operation window (site local time, possibly across
 * midnight, converted to the ISPs of this Period that lie wholly inside it) up to their rated power;
 * non-shiftable devices and devices without a configuration contribute nothing.</li>
 * <li><b>Begun ISPs.</b> ISPs that start by the earliest instant a change can still reach the devices (now plus
 * the lead time) are left out of the problem, so the offer keeps the baseline there and the direction is that of the
 * ISPs still ahead; when every Requested ISP is among them there is nothing to offer.</li>
 * <li><b>Forecasts that disagree with the configuration</b> are made consistent rather than rejected: a shiftable
 * baseline outside the device's window stays where it is (it is not movable), and a baseline above the rated power
 * raises the shiftable's limit to that baseline, so the baseline itself always remains feasible.</li>
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
        for (Device device : devices) {
            if (committed.contains(device.id())) {
                busy++;
                continue;
            }
            Optional<FlexConfiguration> config = context.flexConfigurationOf(device.id());
            if (config.isEmpty() || !usable(config.get(), direction)) {
                continue;
            }
            double[] baseline = context.baselineKw(device.id(), periodStart, isp, count);
            if (baseline == null || baseline.length != count) {
                throw new IllegalStateException("baseline of " + device.id() + " has "
                        + (baseline == null ? "no" : baseline.length) + " values for the " + count + " ISPs of "
                        + period);
            }
            FlexConfiguration c = config.get();
            if (c.flexibilityType() == FlexibilityType.CONTROLLABLE) {
                controllable.add(new ControllableDevice(device.id(), boxed(baseline), c.controllabilityFactor(),
                        ControllableDevice.DEFAULT_WEIGHT, null));
                baselines.put(device.id(), baseline);
            } else {
                List<OperationWindow> windows = windows(c.operationWindow(), siteZone, period, periodStart, isp,
                        count);
                if (windows.isEmpty()) {
                    continue;
                }
                shiftable.add(shiftable(device, baseline, windows));
                baselines.put(device.id(), baseline);
            }
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

    /** Controllables only help a reduction; a shiftable needs a window. */
    private static boolean usable(FlexConfiguration c, Direction direction) {
        return switch (c.flexibilityType()) {
            case CONTROLLABLE -> direction == Direction.REDUCE && c.controllabilityFactor() != null
                    && c.controllabilityFactor() > 0.0;
            case SHIFTABLE -> c.operationWindow() != null;
            case NON_SHIFTABLE -> false;
        };
    }

    /**
     * Only the baseline inside the window is movable; outside it the device keeps its forecast and the LP sees
     * nothing there. The limit is the rated power, or the baseline's peak where the forecast exceeds it.
     */
    private static ShiftableDevice shiftable(Device device, double[] baseline, List<OperationWindow> windows) {
        boolean[] inWindow = new boolean[baseline.length];
        for (OperationWindow w : windows) {
            for (int t = w.fromIsp(); t < w.toIsp(); t++) {
                inWindow[t] = true;
            }
        }
        List<Double> movable = new ArrayList<>(baseline.length);
        double peak = 0.0;
        for (int t = 0; t < baseline.length; t++) {
            double p = inWindow[t] ? Math.max(0.0, baseline[t]) : 0.0;
            movable.add(p);
            peak = Math.max(peak, p);
        }
        return new ShiftableDevice(device.id(), movable, Math.max(device.ratedPowerKw(), peak), windows,
                ShiftableDevice.DEFAULT_WEIGHT, true);
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

    /**
     * The ISPs {@code [from, to)} of the Period wholly inside a daily window given in the site's local time. A window
     * across midnight yields its morning part (from the day before) and its evening part; equal start and end times
     * mean all day. Occurrences on the neighbouring days are included so that a site zone other than the market's
     * and DST days need no special case.
     */
    public static List<OperationWindow> windows(DailyWindow window, ZoneId siteZone, LocalDate period,
            Instant periodStart, Duration isp, int count) {
        Instant periodEnd = periodStart.plus(isp.multipliedBy(count));
        boolean nextDay = window.crossesMidnight() || window.startTime().equals(window.endTime());
        List<OperationWindow> out = new ArrayList<>();
        for (LocalDate day = period.minusDays(1); !day.isAfter(period.plusDays(1)); day = day.plusDays(1)) {
            Instant start = day.atTime(window.startTime()).atZone(siteZone).toInstant();
            Instant end = (nextDay ? day.plusDays(1) : day).atTime(window.endTime()).atZone(siteZone).toInstant();
            Instant from = start.isAfter(periodStart) ? start : periodStart;
            Instant to = end.isBefore(periodEnd) ? end : periodEnd;
            if (!from.isBefore(to)) {
                continue;
            }
            long fromNanos = Duration.between(periodStart, from).toNanos();
            long toNanos = Duration.between(periodStart, to).toNanos();
            long ispNanos = isp.toNanos();
            int first = Math.toIntExact(Math.floorDiv(fromNanos + ispNanos - 1, ispNanos));
            int last = Math.toIntExact(Math.floorDiv(toNanos, ispNanos));
            if (first < last) {
                append(out, first, last);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static void append(List<OperationWindow> windows, int from, int to) {
        if (!windows.isEmpty() && windows.get(windows.size() - 1).toIsp() >= from) {
            OperationWindow last = windows.remove(windows.size() - 1);
            windows.add(new OperationWindow(last.fromIsp(), Math.max(last.toIsp(), to)));
        } else {
            windows.add(new OperationWindow(from, to));
        }
    }

    private static long value(Long watts) {
        return watts == null ? 0L : watts;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
