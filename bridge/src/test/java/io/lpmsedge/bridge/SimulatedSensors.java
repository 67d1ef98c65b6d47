package io.lpmsedge.bridge;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Virtual LPMS-B2 sensors on loopback TCP ports for bridge tests: the real peer, not a mock. */
final class SimulatedSensors implements AutoCloseable {
    /** What a factory-fresh simulated sensor streams: 5 outputs, 100 Hz, 32-bit. */
    static final ConfigWord POWER_ON =
            ConfigWord.of(100, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);

    final Fleet fleet;

    private SimulatedSensors(Fleet fleet) {
        this.fleet = fleet;
    }

    /**
     * @param startMode stream (a sensor left streaming, the usual power-on state) or command
     * @param speed     sensor seconds per wall second
     * @param seconds   sensor time each runs for (infinity = until closed)
     */
    static SimulatedSensors tcp(int sensors, SensorMode startMode, LinkFaultConfig faults, double speed, double seconds)
            throws IOException {
        return tcp(sensors, startMode, faults, speed, seconds, Scenario.ok());
    }

    /** As above with a machine schedule, e.g. {@code Scenario.parse("ok:20s,backlash:10m@1.0")}. */
    static SimulatedSensors tcp(
            int sensors, SensorMode startMode, LinkFaultConfig faults, double speed, double seconds, Scenario scenario)
            throws IOException {
        DeviceSettings device =
                new DeviceSettings(POWER_ON, startMode, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, 0);
        List<TcpSensorPort> ports = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "sim-accept-" + i));
        }
        return new SimulatedSensors(
                Fleet.start(FleetLayout.specs(sensors, 1, 42, scenario, device, faults, seconds), ports, speed, null));
    }

    int port(int index) {
        return ((TcpSensorPort) fleet.runners().get(index).port()).port();
    }

    String link(int index) {
        return "tcp://127.0.0.1:" + port(index);
    }

    LinkFaultStats faults(int index) {
        return fleet.runners().get(index).stats().link();
    }

    @Override
    public void close() throws Exception {
        fleet.close();
    }
}
