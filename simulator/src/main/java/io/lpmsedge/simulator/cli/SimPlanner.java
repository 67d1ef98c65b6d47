package io.lpmsedge.simulator.cli;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.simulator.cli.TransportOptions.Transport;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the options of {@code lpms-edge sim} into a {@link SimPlan}, checking each one and how they combine.
 * Pure: opens, resolves and starts nothing, so every bad option is found before anything is opened.
 *
 * <p>Options are checked in a fixed order (transport, ids, device, ticks, schedule, length, pacing, faults,
 * {@code --failing}) so that the first problem of a command line is always the one reported.
 */
final class SimPlanner {
    private SimPlanner() {}

    /**
     * @throws IllegalArgumentException for the first bad option or combination; the message names the option
     *                                  and the fix
     */
    static SimPlan plan(
            TransportOptions where,
            DeviceOptions device,
            MachineOptions machine,
            RunOptions run,
            LinkFaultOptions link) {
        Transport transport = where.transport();
        int sensors = where.sensors;
        int firstId = run.firstId(sensors);
        FirmwareProfile profile = device.profile();
        int rate = device.rate();
        Set<Output> outputs = device.outputs();
        ConfigWord word = device.configWord(rate, outputs);
        SensorMode start = device.startMode();
        if (start == SensorMode.COMMAND && transport == Transport.FILE) {
            throw new IllegalArgumentException(
                    "--start-in command makes no sense with --out (a file sends no " + "commands); drop it");
        }
        StreamModePolicy policy = device.streamModePolicy();
        DeviceSettings settings = new DeviceSettings(word, start, policy, profile, run.startTick());
        Scenario scenario = machine.scenario();
        double durationSeconds = run.durationSeconds(transport, scenario);
        double speed = run.speed(transport);
        LinkFaultConfig faults = link.faults(transport == Transport.TCP);
        Set<Integer> failing = machine.failingIds(firstId, firstId + sensors - 1);

        List<SensorSpec> specs =
                FleetLayout.specs(sensors, firstId, run.seed, scenario, settings, faults, durationSeconds).stream()
                        .map(s -> s.withVaried(machine.varied))
                        .map(s -> failing == null || failing.contains(s.imuId()) ? s : s.withScenario(Scenario.ok()))
                        .toList();
        String keys = outputs.stream().map(Output::key).collect(Collectors.joining(","));
        return new SimPlan(specs, where.endpoints(transport, firstId), where.bind, speed, keys, run.truth);
    }
}
