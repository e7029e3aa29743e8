package io.flexhub.flex.problem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;

/**
 * One device's flexibility for one request, by the rules of the package comment: either a device for the LP or a
 * note saying why it has none.
 */
public final class DeviceFlexibility {

    /** Exactly one of the three is set. */
    public record Mapped(ControllableDevice controllable, ShiftableDevice shiftable, String note) {

        public boolean usable() {
            return note == null;
        }
    }

    private DeviceFlexibility() {
    }

    /**
     * @param configuration the device's FlexConfiguration, or null when it has none
     * @param baselineKw    the device's forecast on {@code grid}, kW per ISP
     * @param siteZone      the zone the operation window is written in
     */
    public static Mapped of(Device device, FlexConfiguration configuration, double[] baselineKw, Direction direction,
            IspGrid grid, ZoneId siteZone) {
        if (baselineKw == null || baselineKw.length != grid.count()) {
            throw new IllegalStateException("baseline of " + device.id() + " has "
                    + (baselineKw == null ? "no" : baselineKw.length) + " values for the " + grid.count()
                    + " ISPs from " + grid.start());
        }
        String unusable = unusable(device, configuration, direction);
        if (unusable != null) {
            return note(unusable);
        }
        return switch (configuration.flexibilityType()) {
            case CONTROLLABLE -> new Mapped(new ControllableDevice(device.id(), boxed(baselineKw),
                    configuration.controllabilityFactor(), ControllableDevice.DEFAULT_WEIGHT, null), null, null);
            case SHIFTABLE -> shiftable(device, configuration.operationWindow(), baselineKw, grid, siteZone);
            case NON_SHIFTABLE -> throw new IllegalStateException("unreachable: " + device.id());
        };
    }

    /**
     * Why the device cannot help whatever its forecast, or null when it may: callers ask before they read a
     * baseline, which may cost a broker query.
     */
    public static String unusable(Device device, FlexConfiguration configuration, Direction direction) {
        if (configuration == null) {
            return device.id() + ": no FlexConfiguration";
        }
        return switch (configuration.flexibilityType()) {
            case CONTROLLABLE -> {
                double factor = configuration.controllabilityFactor() == null ? 0.0
                        : configuration.controllabilityFactor();
                if (factor <= 0.0) {
                    yield device.id() + ": controllable with factor 0";
                }
                yield direction == Direction.REDUCE ? null
                        : device.id() + ": controllable, and curtailing cannot raise consumption";
            }
            case SHIFTABLE -> configuration.operationWindow() == null
                    ? device.id() + ": shiftable without an operation window" : null;
            case NON_SHIFTABLE -> device.id() + ": " + configuration.flexibilityType().value()
                    + ", not usable for flexibility";
        };
    }

    private static Mapped shiftable(Device device, DailyWindow window, double[] baselineKw, IspGrid grid,
            ZoneId siteZone) {
        List<OperationWindow> windows = windows(window, siteZone, grid);
        if (windows.isEmpty()) {
            return note(device.id() + ": shiftable (window " + window.startTime() + "-" + window.endTime()
                    + "), but no ISP of the request lies inside the window");
        }
        boolean[] inWindow = new boolean[baselineKw.length];
        for (OperationWindow w : windows) {
            for (int t = w.fromIsp(); t < w.toIsp(); t++) {
                inWindow[t] = true;
            }
        }
        List<Double> movable = new ArrayList<>(baselineKw.length);
        double peak = 0.0;
        for (int t = 0; t < baselineKw.length; t++) {
            double p = inWindow[t] ? Math.max(0.0, baselineKw[t]) : 0.0;
            movable.add(p);
            peak = Math.max(peak, p);
        }
        return new Mapped(null, new ShiftableDevice(device.id(), movable, Math.max(device.ratedPowerKw(), peak),
                windows, ShiftableDevice.DEFAULT_WEIGHT, true), null);
    }

    /**
     * The device's whole new schedule from the LP's schedule of its movable part: the forecast outside the window
     * comes back unchanged.
     */
    public static double[] wholeSchedule(ShiftableDevice device, double[] baselineKw, List<Double> scheduleKw) {
        double[] schedule = new double[scheduleKw.size()];
        for (int t = 0; t < schedule.length; t++) {
            schedule[t] = scheduleKw.get(t) + baselineKw[t] - device.baselineKw().get(t);
        }
        return schedule;
    }

    /**
     * The ISPs {@code [from, to)} of {@code grid} wholly inside a daily window in {@code zone}. A window across
     * midnight yields its morning part (from the day before) and its evening part.
     */
    public static List<OperationWindow> windows(DailyWindow window, ZoneId zone, IspGrid grid) {
        Instant gridStart = grid.start();
        Instant gridEnd = grid.end();
        boolean nextDay = window.crossesMidnight() || window.startTime().equals(window.endTime());
        LocalDate first = gridStart.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = gridEnd.atZone(zone).toLocalDate().plusDays(1);
        long ispNanos = grid.isp().toNanos();
        List<OperationWindow> out = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Instant start = day.atTime(window.startTime()).atZone(zone).toInstant();
            Instant end = (nextDay ? day.plusDays(1) : day).atTime(window.endTime()).atZone(zone).toInstant();
            Instant from = start.isAfter(gridStart) ? start : gridStart;
            Instant to = end.isBefore(gridEnd) ? end : gridEnd;
            if (!from.isBefore(to)) {
                continue;
            }
            long fromNanos = Duration.between(gridStart, from).toNanos();
            long toNanos = Duration.between(gridStart, to).toNanos();
            // round the start up and the end down: only whole ISPs are inside
            int firstIsp = Math.toIntExact(Math.floorDiv(fromNanos + ispNanos - 1, ispNanos));
            int lastIsp = Math.toIntExact(Math.floorDiv(toNanos, ispNanos));
            if (firstIsp < lastIsp) {
                append(out, firstIsp, lastIsp);
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

    private static Mapped note(String why) {
        return new Mapped(null, null, why);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
