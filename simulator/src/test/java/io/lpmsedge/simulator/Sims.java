package io.lpmsedge.simulator;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.FileSensorPort;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builders for simulated sensors in tests. */
final class Sims {
    static final ConfigWord DEFAULT_WORD =
            ConfigWord.of(100, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);
    static final ConfigWord ALL_400 = ConfigWord.of(
            400,
            false,
            Output.GYRO,
            Output.ACC,
            Output.MAG,
            Output.ANG_VEL,
            Output.QUAT,
            Output.EULER,
            Output.LIN_ACC,
            Output.PRESSURE,
            Output.ALTITUDE,
            Output.TEMPERATURE,
            Output.HEAVE);

    private Sims() {}

    static DeviceSettings device(ConfigWord word, long startTick) {
        return new DeviceSettings(word, SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, startTick);
    }

    /** Runs one sensor into a file at max speed and waits for it. */
    static Fleet toFile(
            Path file, long seed, DeviceSettings device, LinkFaultConfig faults, double seconds, Scenario scenario)
            throws InterruptedException {
        List<SensorSpec> specs = FleetLayout.specs(1, 1, seed, scenario, device, faults, seconds);
        Fleet fleet = Fleet.start(specs, List.of(new FileSensorPort(file)), Double.POSITIVE_INFINITY, null);
        if (!fleet.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("file run did not finish");
        }
        return fleet;
    }

    /** Starts N sensors on free loopback ports. */
    static Fleet tcp(
            int sensors, long seed, DeviceSettings device, LinkFaultConfig faults, double seconds, double speed)
            throws IOException {
        List<SensorSpec> specs = FleetLayout.specs(sensors, 1, seed, Scenario.ok(), device, faults, seconds);
        List<TcpSensorPort> ports = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "test-accept-" + i));
        }
        return Fleet.start(specs, ports, speed, null);
    }

    static int port(Fleet fleet, int index) {
        return ((TcpSensorPort) fleet.runners().get(index).port()).port();
    }
}
