package io.lpmsedge.simulator.cli;

import io.lpmsedge.simulator.cli.TransportOptions.Transport;
import io.lpmsedge.simulator.scenario.Durations;
import io.lpmsedge.simulator.scenario.Scenario;
import picocli.CommandLine.Option;

/**
 * The run as a whole: ground truth, seed, pacing, length, and where ids and the timestamp counter start.
 * A picocli mixin of {@link SimCommand}.
 */
final class RunOptions {
    @Option(names = "--truth", paramLabel = "FILE", description = "Write ground truth (JSON Lines) to FILE.")
    String truth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed. Default 1.")
    long seed;

    @Option(
            names = "--speed",
            paramLabel = "N|max",
            description = "Real-time factor, or max. Default 1 (max with --out).")
    String speed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Sensor time to run, e.g. 30s, 10m, 2h. Default: until Ctrl-C (with --out: the "
                    + "scenario's length).")
    String duration;

    @Option(
            names = "--start-tick",
            defaultValue = "0",
            paramLabel = "T",
            description = "Timestamp counter at start, 0…4294967295 (e.g. 4294966296 wraps after 2.5 s).")
    long startTick;

    @Option(names = "--id", defaultValue = "1", paramLabel = "ID", description = "Id of the first sensor. Default 1.")
    int firstId;

    /** The first sensor's id, checked so that all {@code sensors} ids fit LP-BUS's 16 bits. */
    int firstId(int sensors) {
        if (firstId < 0 || firstId + sensors - 1 > 0xFFFF) {
            throw new IllegalArgumentException(
                    "--id " + firstId + " with " + sensors + " sensors leaves the 16-bit id range 0…65535");
        }
        return firstId;
    }

    long startTick() {
        if (startTick < 0 || startTick > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("--start-tick must be 0…4294967295 (unsigned 32-bit), was " + startTick);
        }
        return startTick;
    }

    /**
     * Sensor seconds to run: {@code --duration}; else, into a file, the scenario's length (a file needs an end);
     * else infinite (until stopped).
     */
    double durationSeconds(Transport transport, Scenario scenario) {
        if (duration != null) {
            return seconds("--duration", duration);
        }
        if (transport != Transport.FILE) {
            return Double.POSITIVE_INFINITY;
        }
        double seconds = scenario.totalSeconds();
        if (Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--out needs an end: give --duration (e.g. --duration 10m) or a "
                    + "scenario whose last phase has a duration");
        }
        return seconds;
    }

    /** The real-time factor; infinite for {@code max}, the default into a file (1 otherwise). */
    double speed(Transport transport) {
        if (speed == null) {
            return transport == Transport.FILE ? Double.POSITIVE_INFINITY : 1;
        }
        if (speed.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(speed);
            if (v > 0 && !Double.isInfinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, with the text as given
        }
        throw new IllegalArgumentException("--speed must be a positive factor (e.g. 10) or max, was '" + speed + "'");
    }

    /** {@code text} as seconds, or an error naming {@code option}. */
    static double seconds(String option, String text) {
        try {
            return Durations.parseSeconds(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
