package io.flexhub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.flexhub.site.Site;

/** The day to forecast for a site: {@code count} ISPs of {@code isp} from local midnight ({@code start}). */
public record ForecastRequest(Site site, LocalDate day, Instant start, Duration isp, int count) {

    public static ForecastRequest of(Site site, LocalDate day, Duration isp) {
        Instant start = day.atStartOfDay(site.timeZone()).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(site.timeZone()).toInstant();
        // 92 or 100 ISPs on daylight-saving days
        int count = (int) (Duration.between(start, end).toMinutes() / isp.toMinutes());
        return new ForecastRequest(site, day, start, isp, count);
    }
}
