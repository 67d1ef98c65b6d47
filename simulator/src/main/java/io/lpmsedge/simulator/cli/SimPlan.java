package io.lpmsedge.simulator.cli;

import io.lpmsedge.simulator.fleet.SensorSpec;
import java.util.List;

/**
 * What {@code lpms-edge sim} will run, decided from the options before anything is opened.
 *
 * @param specs      the sensors: ids, seeds, scenarios, power-on settings, link faults and durations
 * @param endpoints  where each sensor listens or writes, in the order of {@code specs}
 * @param bind       the TCP listen address as given (resolved when the ports are opened)
 * @param speed      real-time factor; infinite for as fast as possible
 * @param outputKeys the power-on outputs as the status line shows them, e.g. {@code gyro,acc}
 * @param truthFile  where ground truth goes, or null for none
 */
record SimPlan(
        List<SensorSpec> specs,
        List<Endpoint> endpoints,
        String bind,
        double speed,
        String outputKeys,
        String truthFile) {
    SimPlan {
        specs = List.copyOf(specs);
        endpoints = List.copyOf(endpoints);
        if (specs.size() != endpoints.size()) {
            throw new IllegalArgumentException(specs.size() + " sensors but " + endpoints.size() + " endpoints");
        }
    }

    /** Where one sensor's bytes go. */
    sealed interface Endpoint {
        /** Listens on {@code port} of the bind address; 0 for any free port. */
        record Tcp(int port) implements Endpoint {}

        /** Holds the tty at {@code path} (e.g. one end of a socat pty pair). */
        record Serial(String path) implements Endpoint {}

        /** Writes the byte stream to the file at {@code path}. */
        record File(String path) implements Endpoint {}
    }
}
