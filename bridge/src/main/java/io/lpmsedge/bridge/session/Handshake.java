package io.lpmsedge.bridge.session;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.HostCommands;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.Output;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The start-up sequence of docs/lpms-protocol.md#start-up-sequence, run on every (re)connect: command mode → identify →
 * set outputs, rate
 * and data mode → read back GET_CONFIG and verify → (reset timestamp) → stream mode. Each step has a timeout and
 * bounded retries; a refusal names the setting.
 */
final class Handshake {
    /** What was learnt about the sensor; optional facts are null when it did not answer. */
    record Result(ConfigWord word, String firmware, String serial, String deviceName) {}

    private final SensorConfig config;
    private final CommandChannel channel;
    private final int retries;

    Handshake(SensorConfig config, CommandChannel channel, int retries) {
        this.config = config;
        this.channel = channel;
        this.retries = retries;
    }

    /** Leaves the sensor in command mode, configured and verified; the caller then switches to stream mode. */
    Result configure() throws IOException, ConfigureException {
        int id = config.lpbusId();
        // A sensor left streaming (e.g. by a crashed bridge) keeps sending data until this is heard: the
        // channel discards those frames while it waits, and retries because the command may be lost among them.
        require(
                HostCommands.gotoCommandMode(id),
                FunctionCode.GOTO_COMMAND_MODE,
                "GOTO_COMMAND_MODE",
                "the sensor did not switch to command mode");
        String firmware = optional(HostCommands.getFirmwareVersion(id), FunctionCode.GET_FIRMWARE_VERSION);
        String serial = optional(HostCommands.getSerialNumber(id), FunctionCode.GET_SERIAL_NUMBER);
        String name = optional(HostCommands.getDeviceName(id), FunctionCode.GET_DEVICE_NAME);

        int mask = Output.mask(config.outputs().toArray(new Output[0]));
        require(
                HostCommands.setTransmitData(id, mask),
                FunctionCode.SET_TRANSMIT_DATA,
                "SET_TRANSMIT_DATA outputs " + keys(config.outputs()),
                "check the outputs this sensor supports");
        require(
                HostCommands.setStreamFreq(id, config.rateHz(), config.profile().streamFrequencyEncoding()),
                FunctionCode.SET_STREAM_FREQ,
                "SET_STREAM_FREQ " + config.rateHz() + " Hz",
                "this firmware may not support that rate; 5, 10, 50, 100 and 200 Hz work on every generation");
        require(
                HostCommands.setDataMode(id, config.sixteenBit()),
                FunctionCode.SET_LPBUS_DATA_MODE,
                "SET_LPBUS_DATA_MODE " + (config.sixteenBit() ? "16bit" : "32bit"),
                "use the other data_mode");
        if (config.resetTimestamp()) {
            require(
                    HostCommands.setTimestamp(id, 0),
                    FunctionCode.SET_TIMESTAMP,
                    "SET_TIMESTAMP 0",
                    "set reset_timestamp = false");
        }
        ReplyValue reply = channel.request(HostCommands.getConfig(id), FunctionCode.GET_CONFIG, retries + 1);
        if (!(reply instanceof ReplyValue.Config c)) {
            throw new ConfigureException(
                    reply instanceof ReplyValue.Nack
                            ? "the sensor refused GET_CONFIG (NACK)"
                            : "no reply to GET_CONFIG within " + (retries + 1) + " attempts");
        }
        verify(c.word());
        return new Result(c.word(), firmware, serial, name);
    }

    private void require(byte[] frame, FunctionCode fn, String what, String fix)
            throws IOException, ConfigureException {
        ReplyValue reply = channel.request(frame, fn, retries + 1);
        if (reply == null) {
            throw new ConfigureException("no reply to " + what + " within " + (retries + 1) + " attempts");
        }
        if (reply instanceof ReplyValue.Nack) {
            throw new ConfigureException("the sensor refused " + what + " (NACK); " + fix);
        }
    }

    private String optional(byte[] frame, FunctionCode fn) throws IOException {
        ReplyValue reply = channel.request(frame, fn, 1);
        if (reply instanceof ReplyValue.Version v) {
            return v.version().toString();
        }
        if (reply instanceof ReplyValue.Text t) {
            return t.text();
        }
        return null;
    }

    /**
     * The word read back must show exactly what was asked (decode with what the sensor says:
     * docs/lpms-protocol.md#config-word).
     */
    private void verify(ConfigWord got) throws ConfigureException {
        ConfigWord want = config.expectedConfigWord();
        List<String> differences = new ArrayList<>();
        Set<Output> gotOutputs = EnumSet.noneOf(Output.class);
        for (Output o : Output.values()) {
            if (got.has(o, config.profile())) {
                gotOutputs.add(o);
            }
        }
        if (!gotOutputs.equals(config.outputs())) {
            differences.add("outputs " + keys(gotOutputs) + " instead of " + keys(config.outputs()));
        }
        if (got.rateCode() != want.rateCode()) {
            differences.add(got.rateHz() + " Hz instead of " + want.rateHz() + " Hz");
        }
        if (got.sixteenBit() != want.sixteenBit()) {
            differences.add((got.sixteenBit() ? "16bit" : "32bit") + " data mode instead of "
                    + (want.sixteenBit() ? "16bit" : "32bit"));
        }
        if (!differences.isEmpty()) {
            throw new ConfigureException("the sensor's config word " + got + " shows " + String.join(", ", differences)
                    + " after configuring; it did not apply the settings");
        }
    }

    static String keys(Set<Output> outputs) {
        Set<String> keys = new TreeSet<>();
        for (Output o : outputs) {
            keys.add(o.key());
        }
        return keys.toString();
    }
}
