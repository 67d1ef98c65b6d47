package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.simulator.motion.ImuModel;
import io.lpmsedge.simulator.motion.OperatingConditions;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sim --varied}: the cell changes speed, payload and temperature while healthy. (That a nominal cell is
 * unchanged is checked by the trainer's DemoModelIsCurrentTest: its manifest statistics come from nominal captures.)
 */
class VariedRunningTest {
    private static final int TICKS_PER_MINUTE = 400 * 60;

    /** Cycle lengths (s) over {@code minutes}, from the model's cycle counter. */
    private static List<Double> cycleLengths(ImuModel m, int minutes) {
        List<Double> lengths = new ArrayList<>();
        long cycle = m.arm().joints.cycle;
        double start = m.time();
        for (int i = 0; i < minutes * TICKS_PER_MINUTE; i++) {
            m.step();
            if (m.arm().joints.cycle != cycle) {
                cycle = m.arm().joints.cycle;
                lengths.add(m.time() - start);
                start = m.time();
            }
        }
        return lengths;
    }

    @Test
    void variedRunningChangesTheCycleSpeedBetweenStretches() {
        List<Double> lengths = cycleLengths(new ImuModel(5, 0, Scenario.ok(), null, new OperatingConditions(5)), 40);
        double min = lengths.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = lengths.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // Nominal cycles vary by ±4 % per move and 0.5-1.5 s idle (≈ 7.4-9 s); speeds of 0.8-1.25x (and 0.5x)
        // stretch that range well beyond.
        assertTrue(max / min > 1.5, "cycle lengths " + min + " .. " + max);
        List<Double> nominal = cycleLengths(new ImuModel(5, 0, Scenario.ok(), null), 40);
        double nmin = nominal.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double nmax = nominal.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(nmax / nmin < 1.3, "nominal cycle lengths " + nmin + " .. " + nmax);
    }

    @Test
    void theHallTemperatureSwings() {
        ImuModel varied = new ImuModel(9, 0, Scenario.ok(), null, new OperatingConditions(9));
        ImuModel nominal = new ImuModel(9, 0, Scenario.ok(), null);
        double maxDiff = 0;
        for (int i = 0; i < 30 * TICKS_PER_MINUTE; i += 400) {
            for (int k = 0; k < 400; k++) {
                varied.step();
                nominal.step();
            }
            maxDiff = Math.max(maxDiff, Math.abs(varied.temperature() - nominal.temperature()));
        }
        assertTrue(maxDiff > 1.0 && maxDiff <= 2.0 + 1e-9, "hall swing " + maxDiff);
    }
}
