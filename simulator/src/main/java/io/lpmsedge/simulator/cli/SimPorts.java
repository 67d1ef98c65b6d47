package io.lpmsedge.simulator.cli;

import io.lpmsedge.simulator.link.FileSensorPort;
import io.lpmsedge.simulator.link.SensorPort;
import io.lpmsedge.simulator.link.SerialSensorPort;
import io.lpmsedge.simulator.link.TcpSensorPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the endpoints of a {@link SimPlan}: TCP listeners, serial ttys, capture files. */
final class SimPorts {
    private SimPorts() {}

    /**
     * One open port per sensor, in plan order; all or none.
     *
     * @param bindAddress the resolved {@link SimPlan#bind()} (used by TCP endpoints only)
     * @throws IOException a port in use, a tty that cannot be opened, a file whose directory is missing; the
     *                     message names the place and, where there is one, the fix. Ports opened before the
     *                     failure are closed.
     */
    static List<SensorPort> open(SimPlan plan, InetAddress bindAddress) throws IOException {
        List<SensorPort> ports = new ArrayList<>();
        try {
            for (int i = 0; i < plan.specs().size(); i++) {
                ports.add(open(plan.endpoints().get(i), plan.specs().get(i).imuId(), plan.bind(), bindAddress));
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ports, e);
            throw e;
        }
        return ports;
    }

    private static SensorPort open(SimPlan.Endpoint endpoint, int id, String bind, InetAddress bindAddress)
            throws IOException {
        if (endpoint instanceof SimPlan.Endpoint.Tcp tcp) {
            try {
                return new TcpSensorPort(bindAddress, tcp.port(), "sim-accept-" + id);
            } catch (BindException e) {
                throw new IOException("cannot listen on " + bind + ":" + tcp.port() + " (" + e.getMessage()
                        + "); choose another first port with --port");
            }
        }
        if (endpoint instanceof SimPlan.Endpoint.Serial serial) {
            SerialSensorPort port = new SerialSensorPort(serial.path());
            port.open();
            return port;
        }
        FileSensorPort file = new FileSensorPort(Path.of(((SimPlan.Endpoint.File) endpoint).path()));
        file.open();
        return file;
    }

    /** Closes {@code ports} after {@code cause}; a failure to close is added to it, not thrown. */
    static void closeQuietly(List<SensorPort> ports, Throwable cause) {
        for (SensorPort p : ports) {
            try {
                p.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
