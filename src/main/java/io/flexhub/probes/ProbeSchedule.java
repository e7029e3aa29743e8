package io.flexhub.probes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a probe runs: at local times of day (the seed's "09:00 and 16:00 local time") or by cron, in a time zone.
 * Exactly one of {@code times} and {@code cron} is set.
 */
public record ProbeSchedule(List<LocalTime> times, CronSchedule cron, ZoneId zone) {

    public ProbeSchedule {
        times = times == null ? List.of() : times.stream().sorted().distinct().toList();
        if (times.isEmpty() == (cron == null)) {
            throw new IllegalArgumentException("a schedule has either times or a cron expression");
        }
    }

    /** The first fire strictly after the instant. */
    public Optional<Instant> nextFire(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        if (cron != null) {
            return Optional.ofNullable(cron.next(from)).map(ZonedDateTime::toInstant);
        }
        for (LocalDate day = from.toLocalDate().minusDays(1); ; day = day.plusDays(1)) {
            for (LocalTime time : times) {
                Instant fire = ZonedDateTime.of(day, time, zone).toInstant();
                if (fire.isAfter(after)) {
                    return Optional.of(fire);
                }
            }
        }
    }

    /**
     * The latest fire in {@code (after, upTo]}: a run missed while the hub was busy or down is made once, late,
     * never several times.
     */
    public Optional<Instant> latestFire(Instant after, Instant upTo) {
        Optional<Instant> latest = Optional.empty();
        Optional<Instant> next = nextFire(after);
        while (next.isPresent() && !next.get().isAfter(upTo)) {
            latest = next;
            next = nextFire(next.get());
        }
        return latest;
    }

    public String describe() {
        String when = cron != null ? "cron " + cron
                : "at " + times.stream().map(LocalTime::toString).collect(Collectors.joining(", "));
        return when + " " + zone.getId();
    }
}
