package io.lpmsedge.simulator.fleet;

import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.scenario.Scenario;

/**
 * Everything that makes one simulated sensor: identity, seed, where its arm is in the cycle, its machine
 * scenario, protocol settings and link faults.
 *
 * @param imuId           LP-BUS id
 * @param seed            seed of everything random about it
 * @param cycleOffset     seconds into the pick-and-place cycle at t = 0
 * @param durationSeconds sensor time to run (infinite: until stopped)
 * @param varied          healthy but varied running ({@link io.lpmsedge.simulator.motion.OperatingConditions})
 */
public record SensorSpec(
        int imuId,
        long seed,
        double cycleOffset,
        Scenario scenario,
        DeviceSettings device,
        LinkFaultConfig linkFaults,
        double durationSeconds,
        boolean varied) {
    public SensorSpec(
            int imuId,
            long seed,
            double cycleOffset,
            Scenario scenario,
            DeviceSettings device,
            LinkFaultConfig linkFaults,
            double durationSeconds) {
        this(imuId, seed, cycleOffset, scenario, device, linkFaults, durationSeconds, false);
    }

    public SensorSpec withScenario(Scenario other) {
        return new SensorSpec(imuId, seed, cycleOffset, other, device, linkFaults, durationSeconds, varied);
    }

    public SensorSpec withVaried(boolean v) {
        return new SensorSpec(imuId, seed, cycleOffset, scenario, device, linkFaults, durationSeconds, v);
    }
}
