package io.lpmsedge.simulator.cli;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.StreamRates;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What each sensor is at power-on: stream rate, outputs, data mode, firmware generation, start mode and how it
 * treats commands while streaming. A picocli mixin of {@link SimCommand}; each accessor checks its option and
 * throws {@link IllegalArgumentException} naming the option and the fix.
 */
final class DeviceOptions {
    static final String DEFAULT_OUTPUTS = "gyro,acc,mag,pressure,temperature";

    @Option(
            names = "--rate",
            defaultValue = "100",
            paramLabel = "HZ",
            description = "Power-on stream rate: " + StreamRates.SUPPORTED_TEXT + ". Default 100.")
    int rate;

    @Option(
            names = "--outputs",
            defaultValue = DEFAULT_OUTPUTS,
            paramLabel = "LIST",
            description = "Power-on outputs, comma-separated, or 'all'. Default " + DEFAULT_OUTPUTS + ".")
    String outputs;

    @Option(names = "--mode16", description = "Power on in 16-bit data mode (default 32-bit float).")
    boolean mode16;

    @Option(
            names = "--profile",
            defaultValue = "b2-fw2",
            paramLabel = "NAME",
            description = "Firmware profile: b2-fw2 (default), legacy or gen1.")
    String profile;

    @Option(
            names = "--start-in",
            defaultValue = "stream",
            paramLabel = "MODE",
            description = "Mode at the start of each session: stream (default, like a B2) or command.")
    String startIn;

    @Option(
            names = "--stream-commands",
            defaultValue = "ignore",
            paramLabel = "POLICY",
            description = "Configuration commands received in stream mode: ignore (default, first-gen "
                    + "firmware) or nack.")
    String streamCommands;

    FirmwareProfile profile() {
        try {
            return FirmwareProfile.byName(profile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile: " + e.getMessage());
        }
    }

    int rate() {
        if (!StreamRates.supported(rate)) {
            throw new IllegalArgumentException(
                    "--rate " + rate + " is not an LPMS-B2 stream rate; use " + StreamRates.SUPPORTED_TEXT);
        }
        return rate;
    }

    /** The power-on config word: the checked {@code rate} and {@code outputs}, and the data mode. */
    ConfigWord configWord(int rate, Set<Output> outputs) {
        return ConfigWord.of(rate, mode16, outputs.toArray(new Output[0]));
    }

    /** The outputs in the order given ({@code all}: every output the B2 has, humidity excluded). */
    Set<Output> outputs() {
        Set<Output> outs = new LinkedHashSet<>();
        if (outputs.trim().equalsIgnoreCase("all")) {
            for (Output o : Output.values()) {
                if (o != Output.HUMIDITY) {
                    outs.add(o);
                }
            }
            return outs;
        }
        for (String k : outputs.split(",")) {
            if (k.isBlank()) {
                continue;
            }
            Output o;
            try {
                o = Output.byKey(k.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--outputs: " + e.getMessage() + ", or all");
            }
            if (o == Output.HUMIDITY) {
                throw new IllegalArgumentException(
                        "--outputs: the LPMS-B2 has no humidity output " + "(docs/lpms-protocol.md); drop humidity");
            }
            outs.add(o);
        }
        if (outs.isEmpty()) {
            throw new IllegalArgumentException("--outputs is empty; list outputs like " + DEFAULT_OUTPUTS + ", or all");
        }
        return outs;
    }

    SensorMode startMode() {
        return switch (startIn.toLowerCase(Locale.ROOT)) {
            case "stream" -> SensorMode.STREAM;
            case "command" -> SensorMode.COMMAND;
            default ->
                throw new IllegalArgumentException("--start-in must be stream or command, was '" + startIn + "'");
        };
    }

    StreamModePolicy streamModePolicy() {
        return switch (streamCommands.toLowerCase(Locale.ROOT)) {
            case "ignore" -> StreamModePolicy.IGNORE;
            case "nack" -> StreamModePolicy.NACK;
            default ->
                throw new IllegalArgumentException(
                        "--stream-commands must be ignore or nack, was '" + streamCommands + "'");
        };
    }
}
