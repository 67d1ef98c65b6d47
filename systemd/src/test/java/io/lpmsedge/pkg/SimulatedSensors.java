package io.lpmsedge.pkg;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Virtual LPMS-B2 sensors streaming gyro + acc at 100 Hz on loopback TCP ports, for the installed bridge to read
 * (directly over tcp://, or through a socat pty standing in for /dev/rfcomm0), and the config that names them.
 */
final class SimulatedSensors implements AutoCloseable {
    private final Fleet fleet;

    private SimulatedSensors(Fleet fleet) {
        this.fleet = fleet;
    }

    static SimulatedSensors start(int count, long seed) throws IOException {
        DeviceSettings device = new DeviceSettings(
                ConfigWord.of(100, false, Output.GYRO, Output.ACC),
                SensorMode.STREAM,
                StreamModePolicy.IGNORE,
                FirmwareProfile.B2_FW2,
                0);
        List<TcpSensorPort> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "pkg-sim-" + i));
        }
        return new SimulatedSensors(Fleet.start(
                FleetLayout.specs(
                        count, 1, seed, Scenario.ok(), device, LinkFaultConfig.NONE, Double.POSITIVE_INFINITY),
                ports,
                1,
                null));
    }

    int port(int index) {
        return ((TcpSensorPort) fleet.runners().get(index).port()).port();
    }

    /**
     * A bridge config reading {@code sensors} (name → link URL) into the spool at {@code spoolDir}, with a sink
     * whose proxy is never there (port 9): readings stay pending, and nothing floods the journal.
     */
    static String config(String bridge, Map<String, String> sensors, String spoolDir) {
        StringBuilder toml = new StringBuilder("[bridge]\nname = \"" + bridge + "\"\n");
        sensors.forEach((name, link) -> toml.append("""
                [[sensor]]
                name = "%s"
                link = "%s"
                outputs = ["gyro", "acc"]
                rate_hz = 100
                """.formatted(name, link)));
        if (spoolDir != null) {
            toml.append("[spool]\ndir = \"").append(spoolDir).append("\"\n");
        }
        toml.append("""
                [[sink]]
                name = "cluster"
                type = "rest-proxy"
                url = "http://127.0.0.1:9"
                api = "v3"
                cluster_id = "it"
                """);
        return toml.toString();
    }

    @Override
    public void close() throws IOException {
        fleet.close();
    }
}
