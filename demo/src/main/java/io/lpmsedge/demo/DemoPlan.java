package io.lpmsedge.demo;

import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each simulated machine does during the demo: healthy, then one failure mode at a clearly abnormal
 * severity, then healthy again (repaired) — sensor i gets the i-th failure mode, so four sensors show all four.
 * Phases are in sensor seconds; the demo runs the simulator at real time, so they are wall seconds too.
 */
public record DemoPlan(List<Machine> machines, double seconds) {
    /** Severity of the failure phase: "strong" in the simulator's terms, what a detector must catch. */
    public static final double SEVERITY = 0.8;

    public DemoPlan {
        machines = List.copyOf(machines);
    }

    /** One simulated sensor: its bridge name and when it fails. */
    public record Machine(String name, FailureKind failure, double okSeconds, double failSeconds) {
        public Scenario scenario() {
            return Scenario.parse(String.format(
                    Locale.ROOT, "ok:%.3fs,%s:%.3fs@%s,ok", okSeconds, failure.key(), failSeconds, SEVERITY));
        }

        public double failureStart() {
            return okSeconds;
        }

        public double failureEnd() {
            return okSeconds + failSeconds;
        }
    }

    /**
     * @param sensors how many machines (1–20)
     * @param seconds how long the fleet runs; failures start after 30 % of it and last 40 %
     */
    public static DemoPlan of(int sensors, double seconds) {
        if (sensors < 1 || sensors > 20) {
            throw new IllegalArgumentException("--sensors is " + sensors + "; use 1 to 20");
        }
        if (seconds < 20) {
            throw new IllegalArgumentException("--duration is " + seconds + " s; give at least 20s so that a "
                    + "failure has time to start, be detected and clear");
        }
        FailureKind[] failures = {
            FailureKind.BEARING, FailureKind.BACKLASH, FailureKind.LOOSE_MOUNT, FailureKind.GYRO_DRIFT
        };
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            machines.add(new Machine(
                    String.format(Locale.ROOT, "machine-%02d", i + 1),
                    failures[i % failures.length],
                    0.3 * seconds,
                    0.4 * seconds));
        }
        return new DemoPlan(machines, seconds);
    }
}
