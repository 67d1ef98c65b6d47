package io.lpmsedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @Test
    void everyUnit() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("--x", "500ms"));
        assertEquals(Duration.ofSeconds(10), DurationText.parse("--x", " 10S "));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("--x", "1.5s"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("--x", "5m"));
        assertEquals(Duration.ofHours(2), DurationText.parse("--x", "2h"));
        assertEquals(Duration.ZERO, DurationText.parse("--x", "0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "ten s", "-5s", "1.5ms", "5d", "NaNs"})
    void refusedNamingTheOptionAndTheFix(String text) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DurationText.parse("--outage", text));
        assertEquals("--outage '" + text + "' is not a duration; write e.g. 500ms, 10s, 5m or 1h", e.getMessage());
    }
}
