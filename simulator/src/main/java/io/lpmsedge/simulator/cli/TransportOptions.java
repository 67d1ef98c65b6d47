package io.lpmsedge.simulator.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How many sensors, and where each one listens or writes: TCP ports, serial ttys or capture files (one of them).
 * A picocli mixin of {@link SimCommand}; {@link SimPlanner} turns it into per-sensor endpoints.
 */
final class TransportOptions {
    static final int DEFAULT_PORT = 5000;

    /** The three ways a sensor reaches its host. */
    enum Transport {
        TCP,
        SERIAL,
        FILE
    }

    @Option(
            names = "--sensors",
            defaultValue = "1",
            paramLabel = "N",
            description = "Number of sensors (distinct ids, seeds, ports and cycle phase). Default 1.")
    int sensors;

    @Option(
            names = "--port",
            paramLabel = "P",
            description = "TCP: first sensor listens on P, the next on P+1, … (0: any free port). Default 5000.")
    Integer port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDR",
            description = "Address to listen on for TCP. Default 127.0.0.1 (0.0.0.0 for other machines).")
    String bind;

    @Option(
            names = "--serial",
            split = ",",
            paramLabel = "TTY",
            description = "Serial: one tty per sensor, comma-separated (e.g. a socat pty end).")
    List<String> serial;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the byte stream to FILE (starts with the GET_CONFIG reply). With several "
                    + "sensors FILE must contain {id}.")
    String out;

    /**
     * The chosen transport, after checking the sensor count and that the ports, ttys or file name fit it.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    Transport transport() {
        if (sensors < 1 || sensors > 1000) {
            throw new IllegalArgumentException("--sensors must be 1…1000, was " + sensors);
        }
        int transports = (port != null ? 1 : 0) + (serial != null ? 1 : 0) + (out != null ? 1 : 0);
        if (transports > 1) {
            throw new IllegalArgumentException("choose one transport: --port, --serial or --out");
        }
        Transport transport = out != null ? Transport.FILE : serial != null ? Transport.SERIAL : Transport.TCP;
        int firstPort = firstPort();
        if (transport == Transport.TCP
                && (firstPort < 0 || firstPort > 65535 || (firstPort > 0 && firstPort + sensors - 1 > 65535))) {
            throw new IllegalArgumentException("--port " + firstPort + " with " + sensors + " sensors does not fit "
                    + "in 1…65535; choose a lower first port (or 0 for any free ports)");
        }
        if (transport == Transport.SERIAL && serial.size() != sensors) {
            throw new IllegalArgumentException("--serial lists " + serial.size() + " tty(s) but --sensors is " + sensors
                    + "; give one tty per sensor, comma-separated");
        }
        if (transport == Transport.FILE && sensors > 1 && !out.contains("{id}")) {
            throw new IllegalArgumentException(
                    "--out with " + sensors + " sensors needs {id} in the file name, " + "e.g. --out capture-{id}.bin");
        }
        return transport;
    }

    /**
     * One endpoint per sensor, in fleet order: port P+i (or 0 for each), the i-th tty, or the file with
     * {@code {id}} replaced by the sensor's id. Call after {@link #transport()} accepted the options.
     */
    List<SimPlan.Endpoint> endpoints(Transport transport, int firstId) {
        List<SimPlan.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            endpoints.add(
                    switch (transport) {
                        case TCP -> new SimPlan.Endpoint.Tcp(firstPort() == 0 ? 0 : firstPort() + i);
                        case SERIAL -> new SimPlan.Endpoint.Serial(serial.get(i));
                        case FILE -> new SimPlan.Endpoint.File(out.replace("{id}", Integer.toString(firstId + i)));
                    });
        }
        return endpoints;
    }

    private int firstPort() {
        return port == null ? DEFAULT_PORT : port;
    }
}
