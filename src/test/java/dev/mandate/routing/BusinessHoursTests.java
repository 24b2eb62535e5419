package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Deadlines counted in business hours. */
class BusinessHoursTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final BusinessHours weekdays = new BusinessHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    @Test
    void countsWithinTheSameDay() {
        assertThat(deadline("2026-11-23T10:00", 4)).isEqualTo(at("2026-11-23T14:00"));
    }

    @Test
    void carriesTheRestOverTheWeekend() {
        assertThat(deadline("2026-11-27T16:00", 4)).isEqualTo(at("2026-11-30T12:00"));
    }

    @Test
    void startsCountingWhenTheDayOpens() {
        assertThat(deadline("2026-11-28T11:00", 4)).isEqualTo(at("2026-11-30T13:00"));
        assertThat(deadline("2026-11-24T06:30", 1)).isEqualTo(at("2026-11-24T10:00"));
        assertThat(deadline("2026-11-24T20:00", 8)).isEqualTo(at("2026-11-25T17:00"));
    }

    private java.time.Instant deadline(String from, int hours) {
        return weekdays.plus(at(from), Duration.ofHours(hours), BERLIN);
    }

    private static java.time.Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant();
    }
}
