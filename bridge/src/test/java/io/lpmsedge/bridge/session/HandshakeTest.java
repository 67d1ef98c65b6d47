package io.lpmsedge.bridge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.link.LinkAddress;
import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The start-up sequence against a scripted sensor: the order of the steps, which replies are required and which
 * optional, and that every refusal names the setting and a fix rather than failing later on wrong data.
 */
class HandshakeTest {
    private static final Set<Output> OUTPUTS = Set.of(Output.ACC, Output.GYRO);

    private static SensorConfig sensor(boolean resetTimestamp) {
        return new SensorConfig(
                "arm-1",
                new LinkAddress.Tcp("127.0.0.1", 5000),
                OUTPUTS,
                100,
                false,
                FirmwareProfile.DEFAULT,
                1,
                resetTimestamp);
    }

    /** Answers each function code from a table (null = silence), and records what was asked and how often. */
    private static final class ScriptedChannel implements CommandChannel {
        final Map<FunctionCode, Function<Integer, ReplyValue>> replies = new EnumMap<>(FunctionCode.class);
        final List<FunctionCode> asked = new ArrayList<>();
        final List<Integer> attempts = new ArrayList<>();

        ScriptedChannel healthy(ConfigWord word) {
            for (FunctionCode fn : List.of(
                    FunctionCode.GOTO_COMMAND_MODE,
                    FunctionCode.SET_TRANSMIT_DATA,
                    FunctionCode.SET_STREAM_FREQ,
                    FunctionCode.SET_LPBUS_DATA_MODE,
                    FunctionCode.SET_TIMESTAMP)) {
                replies.put(fn, n -> new ReplyValue.Ack());
            }
            replies.put(FunctionCode.GET_SERIAL_NUMBER, n -> new ReplyValue.Text("SN-42"));
            replies.put(FunctionCode.GET_DEVICE_NAME, n -> new ReplyValue.Text("LPMS-B2"));
            replies.put(FunctionCode.GET_CONFIG, n -> new ReplyValue.Config(word));
            return this;
        }

        @Override
        public ReplyValue request(byte[] frame, FunctionCode function, int attempts) {
            asked.add(function);
            this.attempts.add(attempts);
            Function<Integer, ReplyValue> reply = replies.get(function);
            return reply == null ? null : reply.apply(attempts);
        }
    }

    @Test
    void configuresInOrderAndReturnsWhatTheSensorSaid() throws Exception {
        SensorConfig config = sensor(true);
        ScriptedChannel channel = new ScriptedChannel().healthy(config.expectedConfigWord());

        Handshake.Result result = new Handshake(config, channel, 2).configure();

        assertEquals(
                List.of(
                        FunctionCode.GOTO_COMMAND_MODE,
                        FunctionCode.GET_FIRMWARE_VERSION,
                        FunctionCode.GET_SERIAL_NUMBER,
                        FunctionCode.GET_DEVICE_NAME,
                        FunctionCode.SET_TRANSMIT_DATA,
                        FunctionCode.SET_STREAM_FREQ,
                        FunctionCode.SET_LPBUS_DATA_MODE,
                        FunctionCode.SET_TIMESTAMP,
                        FunctionCode.GET_CONFIG),
                channel.asked);
        assertEquals(config.expectedConfigWord(), result.word());
        assertEquals("SN-42", result.serial());
        assertEquals("LPMS-B2", result.deviceName());
        assertNull(result.firmware(), "the sensor did not answer GET_FIRMWARE_VERSION, which is optional");
        // required steps get the configured retries; the optional identity questions are asked once
        assertEquals(3, channel.attempts.get(0));
        assertEquals(1, channel.attempts.get(1));
    }

    @Test
    void noTimestampResetUnlessConfigured() throws Exception {
        SensorConfig config = sensor(false);
        ScriptedChannel channel = new ScriptedChannel().healthy(config.expectedConfigWord());

        new Handshake(config, channel, 0).configure();

        assertFalse(channel.asked.contains(FunctionCode.SET_TIMESTAMP));
    }

    @Test
    void aRefusedRateNamesTheRateAndTheRatesThatAlwaysWork() {
        SensorConfig config = sensor(false);
        ScriptedChannel channel = new ScriptedChannel().healthy(config.expectedConfigWord());
        channel.replies.put(FunctionCode.SET_STREAM_FREQ, n -> new ReplyValue.Nack());

        ConfigureException e =
                assertThrows(ConfigureException.class, () -> new Handshake(config, channel, 1).configure());
        assertTrue(e.getMessage().contains("refused SET_STREAM_FREQ 100 Hz (NACK)"), e.getMessage());
        assertTrue(e.getMessage().contains("5, 10, 50, 100 and 200 Hz work on every generation"), e.getMessage());
        assertFalse(channel.asked.contains(FunctionCode.GET_CONFIG), "the sequence stops at the refusal");
    }

    @Test
    void silenceOnARequiredStepSaysHowManyAttemptsWereMade() {
        SensorConfig config = sensor(false);
        ScriptedChannel channel = new ScriptedChannel().healthy(config.expectedConfigWord());
        channel.replies.remove(FunctionCode.GOTO_COMMAND_MODE);

        ConfigureException e =
                assertThrows(ConfigureException.class, () -> new Handshake(config, channel, 4).configure());
        assertEquals("no reply to GOTO_COMMAND_MODE within 5 attempts", e.getMessage());
    }

    @Test
    void aConfigWordThatDidNotTakeListsEveryDifference() {
        SensorConfig config = sensor(false);
        ConfigWord applied = ConfigWord.of(50, true, Output.ACC);
        ScriptedChannel channel = new ScriptedChannel().healthy(applied);

        String message = assertThrows(ConfigureException.class, () -> new Handshake(config, channel, 0).configure())
                .getMessage();
        assertTrue(message.contains("50 Hz instead of 100 Hz"), message);
        assertTrue(message.contains("16bit data mode instead of 32bit"), message);
        assertTrue(message.contains("outputs [acc] instead of [acc, gyro]"), message);
        assertTrue(message.contains("did not apply the settings"), message);
    }

    @Test
    void aRefusedOrMissingConfigReadBackIsNamed() {
        SensorConfig config = sensor(false);
        ScriptedChannel nack = new ScriptedChannel().healthy(config.expectedConfigWord());
        nack.replies.put(FunctionCode.GET_CONFIG, n -> new ReplyValue.Nack());
        assertEquals(
                "the sensor refused GET_CONFIG (NACK)",
                assertThrows(ConfigureException.class, () -> new Handshake(config, nack, 0).configure())
                        .getMessage());

        ScriptedChannel silent = new ScriptedChannel().healthy(config.expectedConfigWord());
        silent.replies.remove(FunctionCode.GET_CONFIG);
        assertEquals(
                "no reply to GET_CONFIG within 3 attempts",
                assertThrows(ConfigureException.class, () -> new Handshake(config, silent, 2).configure())
                        .getMessage());
    }
}
