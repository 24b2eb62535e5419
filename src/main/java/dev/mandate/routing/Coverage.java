package dev.mandate.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * When the brand counts as at work: opening hours per weekday in a time zone. Escalation deadlines count only these
 * hours ("within 4 business hours"); without coverage every hour counts.
 */
record Coverage(ZoneId zone, Map<DayOfWeek, Hours> week) {

    Coverage {
        week = week.isEmpty() ? Map.of() : new EnumMap<>(week);
    }

    /** Around the clock, every day, in the zone given. */
    static Coverage always(ZoneId zone) {
        Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, new Hours(LocalTime.MIDNIGHT, null));
        }
        return new Coverage(zone, week);
    }

    boolean covers(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Hours hours = week.get(local.getDayOfWeek());
        return hours != null && hours.contains(local.toLocalTime());
    }

    /** The moment {@code businessHours} of covered time after {@code from}. */
    Instant after(Instant from, Duration businessHours) {
        if (week.isEmpty()) {
            return from.plus(businessHours);
        }
        Duration left = businessHours;
        ZonedDateTime cursor = from.atZone(zone);
        for (int day = 0; day < 800; day++) {
            Hours hours = week.get(cursor.getDayOfWeek());
            if (hours != null) {
                ZonedDateTime opens = cursor.with(hours.from());
                ZonedDateTime closes = hours.to() == null
                        ? cursor.toLocalDate().plusDays(1).atStartOfDay(zone)
                        : cursor.with(hours.to());
                ZonedDateTime start = cursor.isAfter(opens) ? cursor : opens;
                if (start.isBefore(closes)) {
                    Duration available = Duration.between(start, closes);
                    if (available.compareTo(left) >= 0) {
                        return start.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No covered hours within two years");
    }

    /**
     * Opening hours of one day.
     *
     * @param to when it closes; {@code null} for midnight at the end of the day
     */
    record Hours(LocalTime from, LocalTime to) {

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (to == null || time.isBefore(to));
        }

        @Override
        public String toString() {
            return from + "-" + (to == null ? "24:00" : to);
        }
    }
}
