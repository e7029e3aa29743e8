package io.flexhub.analytics.model;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fitted model says in words: the flexibility windows of each season and day type (runs of ISPs whose
 * request probability reaches a threshold), the weekday x ISP heatmap of the history, and for each site behind
 * the congestion point a rate-plan proposal: the windows in which its flexibility is most often wanted, with an
 * incentive per kWh passed on from the prices the DSO paid (or was asked) for flexibility in those windows.
 */
public final class Patterns {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final List<String> HEATMAP_ROWS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "holiday");

    /**
     * @param windowThreshold an ISP belongs to a window from this season-level request probability on
     * @param windowsPerCell  at most this many windows per season and day type, the likeliest first
     * @param ratePlanWindows windows a rate plan names, the most often wanted over a year first
     * @param occupantShare   share of the flexibility revenue per kWh proposed to the occupants as incentive
     */
    public record Parameters(double windowThreshold, int windowsPerCell, int ratePlanWindows, double occupantShare) {

        public Parameters {
            if (!(windowThreshold > 0 && windowThreshold < 1)) {
                throw new IllegalArgumentException("window threshold must be between 0 and 1, got " + windowThreshold);
            }
            if (windowsPerCell < 1 || ratePlanWindows < 1) {
                throw new IllegalArgumentException("windows per cell and rate-plan windows must be at least 1");
            }
            if (!(occupantShare > 0 && occupantShare <= 1)) {
                throw new IllegalArgumentException("occupant share must be in (0, 1], got " + occupantShare);
            }
        }

        public static Parameters defaults() {
            return new Parameters(0.3, 3, 3, 0.6);
        }
    }

    /** A site behind the congestion point. */
    public record SiteRef(String id, String name) {
    }

    /**
     * A run of ISPs of a normal (96-ISP) day, in UFTP numbering and local clock time.
     *
     * @param expectedDaysPerYear how many days of the coming year the window is likely to be asked for: its mean
     *                            probability times the days of that season and day type in the year
     */
    public record Window(String season, String dayType, int firstIsp, int lastIsp, String from, String to,
                        double meanProbability, double peakProbability, String direction, RequestedKw requestedKw,
                        double expectedDaysPerYear) {
    }

    /** Requested share of each weekday (holidays as their own row) x clock slot, undecayed; null without data. */
    public record Heatmap(List<String> rows, int slots, List<List<Double>> frequency) {
    }

    /**
     * @param incentiveEurPerKwh proposed incentive for flexibility delivered in this window; null without offers
     * @param offers             offers in this season and day type overlapping the window the incentive is from
     */
    public record PlanWindow(Window window, Double incentiveEurPerKwh, int offers) {
    }

    /**
     * @param offers         offers the incentive rests on (the site's own, or the point's when it has none)
     * @param ordered        how many of them the DSO ordered; when any, only ordered ones set the price
     * @param priceEurPerKwh volume-weighted price of those offers per kWh
     * @param source         {@code site}, {@code congestion-point} or {@code none}
     */
    public record Basis(int offers, int ordered, double volumeKwh, Double priceEurPerKwh, double occupantShare,
                        String source) {
    }

    public record RatePlan(String site, String name, List<PlanWindow> windows, Double incentiveEurPerKwh,
                           Basis basis) {
    }

    public record Report(String congestionPoint, String method, LocalDate origin, double windowThreshold,
                         List<Window> windows, Heatmap heatmap, List<RatePlan> ratePlans) {
    }

    private final Parameters parameters;

    public Patterns(Parameters parameters) {
        this.parameters = parameters;
    }

    public Report report(PointModel model, List<SiteRef> sites, List<OfferSeen> offers) {
        List<Window> windows = windows(model);
        List<RatePlan> plans = new ArrayList<>();
        for (SiteRef site : sites) {
            plans.add(ratePlan(model, site, windows, offers));
        }
        return new Report(model.congestionPoint(), GridPatternModel.METHOD, model.origin(),
                parameters.windowThreshold(), windows, heatmap(model), plans);
    }

    /** Windows per season and day type, in season then day-type order, each cell's likeliest first. */
    public List<Window> windows(PointModel model) {
        CalendarFeatures features = model.features();
        int[][] daysInYear = daysPerCell(features, model.origin());
        List<Window> all = new ArrayList<>();
        for (Season season : Season.values()) {
            for (DayType type : DayType.values()) {
                double[][] estimates = model.seasonEstimates(type, season);
                List<Window> cell = new ArrayList<>();
                int s = 0;
                while (s < estimates.length) {
                    if (estimates[s][0] < parameters.windowThreshold()) {
                        s++;
                        continue;
                    }
                    int first = s;
                    while (s < estimates.length && estimates[s][0] >= parameters.windowThreshold()) {
                        s++;
                    }
                    cell.add(window(model, season, type, first, s - 1, estimates,
                            daysInYear[type.ordinal()][season.ordinal()]));
                }
                cell.sort(Comparator.comparingDouble(Window::meanProbability).reversed());
                all.addAll(cell.subList(0, Math.min(cell.size(), parameters.windowsPerCell())));
            }
        }
        return all;
    }

    private Window window(PointModel model, Season season, DayType type, int first, int last, double[][] estimates,
                          int days) {
        double sum = 0;
        double peak = 0;
        int peakSlot = first;
        double reduce = 0;
        for (int s = first; s <= last; s++) {
            sum += estimates[s][0];
            reduce += estimates[s][0] * estimates[s][1];
            if (estimates[s][0] > peak) {
                peak = estimates[s][0];
                peakSlot = s;
            }
        }
        double mean = sum / (last - first + 1);
        boolean towardsReduce = reduce >= sum / 2;
        CalendarFeatures features = model.features();
        return new Window(season.label(), type.label(), first + 1, last + 1,
                features.slotStart(first).format(HH_MM),
                last + 1 == features.slotsPerDay() ? "24:00" : features.slotStart(last + 1).format(HH_MM),
                PointModel.round(mean, 4), PointModel.round(peak, 4), towardsReduce ? "reduce" : "increase",
                model.seasonRequestedKw(type, season, peakSlot, towardsReduce), PointModel.round(mean * days, 1));
    }

    /** Days of each day type and season in the year from the origin: [day type][season]. */
    private static int[][] daysPerCell(CalendarFeatures features, LocalDate origin) {
        int[][] days = new int[DayType.values().length][Season.values().length];
        for (LocalDate d = origin; d.isBefore(origin.plusYears(1)); d = d.plusDays(1)) {
            days[features.dayType(d).ordinal()][Season.of(d.getMonth()).ordinal()]++;
        }
        return days;
    }

    private static Heatmap heatmap(PointModel model) {
        double[][] rows = model.heatmap();
        List<List<Double>> frequency = new ArrayList<>();
        for (double[] row : rows) {
            List<Double> values = new ArrayList<>(row.length);
            for (double v : row) {
                values.add(Double.isNaN(v) ? null : PointModel.round(v, 4));
            }
            frequency.add(values);
        }
        return new Heatmap(HEATMAP_ROWS, model.features().slotsPerDay(), frequency);
    }

    private RatePlan ratePlan(PointModel model, SiteRef site, List<Window> windows, List<OfferSeen> offers) {
        List<OfferSeen> own = offers.stream().filter(o -> site.id().equals(o.site())).toList();
        String source = "site";
        if (own.isEmpty()) {
            own = offers.stream().filter(o -> o.site() == null).toList();
            source = "congestion-point";
        }
        if (own.isEmpty()) {
            source = "none";
        }
        List<OfferSeen> pricing = priced(own);
        double volume = pricing.stream().mapToDouble(OfferSeen::volumeKwh).sum();
        Double price = pricePerKwh(pricing);
        List<Window> best = windows.stream()
                .sorted(Comparator.comparingDouble(Window::expectedDaysPerYear).reversed())
                .limit(parameters.ratePlanWindows()).toList();
        List<PlanWindow> planWindows = new ArrayList<>();
        for (Window w : best) {
            List<OfferSeen> inWindow = priced(own.stream().filter(o -> overlaps(model.features(), o, w)).toList());
            Double windowPrice = pricePerKwh(inWindow);
            planWindows.add(new PlanWindow(w, incentive(windowPrice != null ? windowPrice : price), inWindow.size()));
        }
        int ordered = (int) own.stream().filter(OfferSeen::ordered).count();
        return new RatePlan(site.id(), site.name(), planWindows, incentive(price),
                new Basis(own.size(), ordered, PointModel.round(volume, 3),
                        price == null ? null : PointModel.round(price, 4), parameters.occupantShare(), source));
    }

    /** The offers that set the price: the ordered ones when the DSO ordered any (a paid price), else all offered. */
    private static List<OfferSeen> priced(List<OfferSeen> offers) {
        List<OfferSeen> ordered = offers.stream().filter(OfferSeen::ordered).toList();
        return ordered.isEmpty() ? offers : ordered;
    }

    private static Double pricePerKwh(List<OfferSeen> offers) {
        double price = offers.stream().mapToDouble(OfferSeen::priceEur).sum();
        double volume = offers.stream().mapToDouble(OfferSeen::volumeKwh).sum();
        return volume > 0 ? price / volume : null;
    }

    private Double incentive(Double pricePerKwh) {
        return pricePerKwh == null ? null : PointModel.round(pricePerKwh * parameters.occupantShare(), 4);
    }

    /** Whether an offer lies in the window's season and day type and offered power in one of its clock slots. */
    private static boolean overlaps(CalendarFeatures features, OfferSeen offer, Window window) {
        if (!Season.of(offer.period().getMonth()).label().equals(window.season())
                || !features.dayType(offer.period()).label().equals(window.dayType())) {
            return false;
        }
        int[] slots = features.slots(offer.period());
        for (int isp : offer.isps()) {
            if (isp >= 1 && isp <= slots.length && slots[isp - 1] + 1 >= window.firstIsp()
                    && slots[isp - 1] + 1 <= window.lastIsp()) {
                return true;
            }
        }
        return false;
    }
}
