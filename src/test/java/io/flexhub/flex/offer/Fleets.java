package io.flexhub.flex.offer;

import java.time.LocalDate;
import java.util.Random;

import org.lfenergy.shapeshifter.api.FlexRequest;

/**
 * Reproducible fleets behind one congestion point, read through {@link InMemoryContext} as the engine reads a site.
 * <ul>
 * <li>{@link #realistic}: devices of a handful of types (thermostats, EV chargers, water heaters), each a type's
 * profile and rating times a per-device scale factor, with a few distinct operation windows;</li>
 * <li>{@link #distinct}: every EV charger with its own session (arrival, length, power): the worst case, as no two
 * devices are alike.</li>
 * </ul>
 */
public final class Fleets {

    static final LocalDate DAY = LocalDate.of(2026, 6, 10);
    private static final String[][] EV_WINDOWS = {{"20:00", "08:00"}, {"18:00", "07:00"}, {"22:00", "06:00"}};
    private static final double[] EV_RATINGS = {3.7, 7.4, 11.0, 22.0};
    /** Share of the rated power by ISPs before the end of a charging session. */
    private static final double[] TAPER = {0.37, 0.61, 0.83, 0.97, 1.0};

    private Fleets() {
    }

    public static InMemoryContext realistic(long seed, int devices) {
        Random rng = new Random(seed);
        InMemoryContext context = new InMemoryContext(OfferProblemBuilderTest.AMS);
        for (int i = 0; i < devices; i++) {
            double kind = rng.nextDouble();
            double scale = 0.5 + 1.5 * rng.nextDouble();
            if (kind < 0.4) {
                boolean office = rng.nextBoolean();
                context.controllable("thermostat-" + i, 4.0 * scale, office ? 0.2 : 0.3,
                        t -> scale * (office ? (t >= 28 && t < 76 ? 3.0 : 0.8) : (t >= 64 ? 2.5 : 1.5)));
            } else if (kind < 0.85) {
                int type = rng.nextInt(EV_RATINGS.length);
                int w = rng.nextInt(EV_WINDOWS.length);
                double rated = EV_RATINGS[type] * scale;
                int arrival = w == 0 ? 80 : w == 1 ? 72 : 88;
                int isps = 4 + 2 * type;
                // full power, then the battery's taper: scaled copies whose ratios are not exact in binary
                context.shiftable("ev-" + i, rated, EV_WINDOWS[w][0], EV_WINDOWS[w][1],
                        t -> t >= arrival && t < Math.min(96, arrival + isps)
                                ? rated * TAPER[Math.min(TAPER.length - 1, arrival + isps - 1 - t)] : 0.0);
            } else if (kind < 0.95) {
                double rated = 3.0 * scale;
                context.shiftable("boiler-" + i, rated, "16:00", "23:00", t -> t >= 72 && t < 80 ? 0.75 * rated : 0.0);
            } else {
                context.fixed("plug-" + i, scale, t -> 0.3 * scale);
            }
        }
        return context;
    }

    public static InMemoryContext distinct(long seed, int devices) {
        Random rng = new Random(seed);
        InMemoryContext context = new InMemoryContext(OfferProblemBuilderTest.AMS);
        for (int i = 0; i < devices; i++) {
            double rated = 3.7 + 18.3 * rng.nextDouble();
            int arrival = 64 + rng.nextInt(28);
            int isps = 2 + rng.nextInt(14);
            String from = String.format("%02d:%02d", arrival / 4, 15 * (arrival % 4));
            int leave = 16 + rng.nextInt(20);
            String to = String.format("%02d:%02d", leave / 4, 15 * (leave % 4));
            double level = rated * (0.5 + 0.5 * rng.nextDouble());
            context.shiftable("ev-" + i, rated, from, to,
                    t -> t >= arrival && t < Math.min(96, arrival + isps) ? level : 0.0);
        }
        return context;
    }

    /** Less consumption 17:00-21:00 (ISPs 69-84), up to 40 % of the fleet's size; room elsewhere. */
    public static FlexRequest eveningRequest(int devices) {
        long maxW = 1_500L * devices;
        return OfferProblemBuilderTest.request(DAY, 96, 3L * maxW, 69, 84, -maxW, 0);
    }
}
