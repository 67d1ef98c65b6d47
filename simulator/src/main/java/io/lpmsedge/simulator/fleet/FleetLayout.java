package io.lpmsedge.simulator.fleet;

import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.motion.PickPlaceCycle;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the sensors of a fleet from one set of options: consecutive ids, seeds spread by a 64-bit golden-ratio
 * step (so seed s and s + 1 of two runs never share a sensor), and arms spread over the cycle by the golden
 * ratio so no two are in step.
 */
public final class FleetLayout {
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;
    private static final double GOLDEN = 0.6180339887498949;

    private FleetLayout() {}

    public static List<SensorSpec> specs(
            int sensors,
            int firstId,
            long seed,
            Scenario scenario,
            DeviceSettings device,
            LinkFaultConfig faults,
            double durationSeconds) {
        List<SensorSpec> specs = new ArrayList<>();
        double period = PickPlaceCycle.nominalPeriod();
        for (int i = 0; i < sensors; i++) {
            long sensorSeed = seed + i * SEED_STEP;
            double offset = ((i * GOLDEN) % 1.0) * period;
            specs.add(new SensorSpec(firstId + i, sensorSeed, offset, scenario, device, faults, durationSeconds));
        }
        return specs;
    }
}
