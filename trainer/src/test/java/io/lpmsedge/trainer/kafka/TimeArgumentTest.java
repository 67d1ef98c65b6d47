package io.lpmsedge.trainer.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeArgumentTest {
    /** 12:00 UTC is 13:00 in Berlin (winter time). */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneId.of("Europe/Berlin"));

    private Instant parse(String text) {
        return TimeArgument.parse("--from", text, clock);
    }

    @Test
    void isoInstantsWithZoneOrOffset() {
        assertEquals(Instant.parse("2026-12-04T10:00:00Z"), parse("2026-12-04T10:00:00Z"));
        assertEquals(Instant.parse("2026-12-04T10:00:00.250Z"), parse("2026-12-04T11:00:00.25+01:00"));
    }

    @Test
    void localDateTimesAndDatesAreInTheClocksZone() {
        assertEquals(Instant.parse("2026-12-04T10:00:00Z"), parse("2026-12-04T11:00"));
        assertEquals(Instant.parse("2026-12-04T10:00:30Z"), parse("2026-12-04 11:00:30"));
        assertEquals(Instant.parse("2026-12-03T23:00:00Z"), parse("2026-12-04"));
    }

    @Test
    void relativeToNow() {
        assertEquals(Instant.parse("2026-12-04T12:00:00Z"), parse("now"));
        assertEquals(Instant.parse("2026-12-04T10:00:00Z"), parse("-2h"));
        assertEquals(Instant.parse("2026-12-04T11:30:00Z"), parse(" -30m "));
        assertEquals(Instant.parse("2026-12-04T11:59:15Z"), parse("-45s"));
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), parse("-1.5d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2026-13-01T00:00", "10:00", "2026-12-04T25:00Z"})
    void otherTextNamesEveryForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertEquals(
                "--from '" + text + "' is not a time; write an ISO-8601 instant (2026-12-04T10:00:00Z or "
                        + "2026-12-04T11:00:00+01:00), a local date-time in Europe/Berlin (2026-12-04T11:00 or "
                        + "'2026-12-04 11:00:30'), a date (its midnight), 'now' or a time before now (-30m, -2h, -1d)",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2x", "-", "--2h", "-1.5ms"})
    void aBadRelativeTimeSaysHowToWriteOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(
                e.getMessage()
                        .equals("--from '" + text + "' is not a time before now; write e.g. -30s, -90m, "
                                + "-2h or -1d"),
                e.getMessage());
    }
}
