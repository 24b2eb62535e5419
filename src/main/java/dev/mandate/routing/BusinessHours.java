package dev.mandate.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A simple weekly calendar of business hours (the same hours on every business day, no holidays), in which a
 * hand-off's deadline is counted: four business hours from Friday 16:00 end on Monday 12:00.
 */
record BusinessHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    BusinessHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("Business hours need at least one business day.");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("A business day must start before it ends.");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** The moment {@code business} time after {@code from}, counted only within business hours in {@code zone}. */
    Instant plus(Instant from, Duration business, ZoneId zone) {
        Duration left = business;
        ZonedDateTime at = from.atZone(zone);
        while (true) {
            if (days.contains(at.getDayOfWeek())) {
                ZonedDateTime opens = at.with(start);
                ZonedDateTime closes = at.with(end);
                if (at.isBefore(opens)) {
                    at = opens;
                }
                if (at.isBefore(closes)) {
                    Duration today = Duration.between(at, closes);
                    if (left.compareTo(today) <= 0) {
                        return at.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            at = at.toLocalDate().plusDays(1).atStartOfDay(zone);
        }
    }
}
