package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.fleet.Pacer;
import io.lpmsedge.simulator.scenario.Durations;
import io.lpmsedge.simulator.scenario.Phase;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ScenarioAndPacingTest {
    @Test
    void parsesTheIssueExample() {
        Scenario s = Scenario.parse("ok:10m,bearing:2m@0.3,ok:5m");
        assertEquals(
                List.of(
                        new Phase(FailureKind.OK, 600, 0),
                        new Phase(FailureKind.BEARING, 120, 0.3),
                        new Phase(FailureKind.OK, 300, 0)),
                s.phases());
        assertEquals(1020, s.totalSeconds());
        assertEquals(0, s.phaseIndexAt(599.999));
        assertEquals(1, s.phaseIndexAt(600));
        assertEquals(2, s.phaseIndexAt(720));
        assertEquals(2, s.phaseIndexAt(1e9), "the last state holds after the schedule");
        assertEquals("ok:10m,bearing:2m@0.3,ok:5m", s.toString());
    }

    @Test
    void lastPhaseMayRunForeverAndSeverityDefaults() {
        Scenario s = Scenario.parse("ok:90s, gyro-drift");
        assertTrue(Double.isInfinite(s.totalSeconds()));
        assertEquals(Scenario.DEFAULT_SEVERITY, s.phases().get(1).severity());
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bearing,ok:1m"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bearing:1m@0"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("ok:1m,,ok:1m"));
    }

    @Test
    void durations() {
        assertEquals(0.5, Durations.parseSeconds("500ms"));
        assertEquals(30, Durations.parseSeconds("30s"));
        assertEquals(5400, Durations.parseSeconds("1.5h"));
        assertEquals(12, Durations.parseSeconds("12"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseSeconds("10 minutes"));
    }

    @Test
    void anHourOfTicksIsExactlyAnHour() {
        Pacer p = new Pacer(1_000L, 1);
        assertEquals(1_000L + 3_600_000_000_000L, p.deadline(400L * 3600));
        Pacer fast = new Pacer(0, 10);
        assertEquals(360_000_000_000L, fast.deadline(400L * 3600), "no accumulated rounding at ×10");
    }

    @Property(tries = 200)
    void dueTickInvertsTheDeadline(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long tick,
            @ForAll @DoubleRange(min = 0.1, max = 100) double speed) {
        Pacer p = new Pacer(123_456_789L, speed);
        long due = p.dueTick(p.deadline(tick));
        assertTrue(
                p.deadline(due) <= p.deadline(tick) && p.deadline(due + 1) > p.deadline(tick),
                "tick " + tick + " due " + due);
    }
}
