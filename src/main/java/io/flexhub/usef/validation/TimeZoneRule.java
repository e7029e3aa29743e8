package io.flexhub.usef.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The message TimeZone only serves to place the Period on the timeline, so another zone name is fine as long as
 * it has the market zone's UTC offsets throughout that day (Europe/Brussels in an Europe/Amsterdam market).
 */
final class TimeZoneRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.WITH_TIME_ZONE;
    }

    @Override
    public List<String> check(ValidationInput input) {
        Optional<String> timeZone = MessageAttributes.timeZone(input.message());
        Optional<LocalDate> period = MessageAttributes.period(input.message());
        if (timeZone.isEmpty() || period.isEmpty()) {
            return List.of();
        }
        ZoneId market = input.calendar().zone();
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.get());
        } catch (DateTimeException e) {
            return List.of(RejectionReasons.withDetail(RejectionReasons.TIME_ZONE_REJECTED,
                    "unknown time zone " + timeZone.get()));
        }
        if (sameOffsets(zone, market, period.get())) {
            return List.of();
        }
        return List.of(RejectionReasons.withDetail(RejectionReasons.TIME_ZONE_REJECTED,
                zone + " has other UTC offsets than " + market + " on " + period.get()));
    }

    /** Offsets are constant between transitions, so comparing at the start and at every transition suffices. */
    static boolean sameOffsets(ZoneId zone, ZoneId market, LocalDate period) {
        Instant start = period.atStartOfDay(market).toInstant();
        Instant end = period.plusDays(1).atStartOfDay(market).toInstant();
        List<Instant> probes = new ArrayList<>(List.of(start));
        addTransitions(zone.getRules(), start, end, probes);
        addTransitions(market.getRules(), start, end, probes);
        return probes.stream()
                .allMatch(instant -> zone.getRules().getOffset(instant).equals(market.getRules().getOffset(instant)));
    }

    private static void addTransitions(ZoneRules rules, Instant start, Instant end, List<Instant> probes) {
        ZoneOffsetTransition transition = rules.nextTransition(start);
        while (transition != null && transition.getInstant().isBefore(end)) {
            probes.add(transition.getInstant());
            transition = rules.nextTransition(transition.getInstant());
        }
    }
}
