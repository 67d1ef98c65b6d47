package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.command.FirmwareVersion;
import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.HostCommands;
import io.lpmsedge.protocol.command.Replies;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.StreamFrequencyEncoding;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.FrameEncoder;
import io.lpmsedge.protocol.frame.LittleEndian;
import io.lpmsedge.simulator.device.DeviceCounters;
import io.lpmsedge.simulator.device.DeviceHost;
import io.lpmsedge.simulator.device.DeviceIdentity;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.device.VirtualLpmsB2;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol state machine on its own: every command of docs/lpms-protocol.md#function-codes and its reply. */
class DeviceCommandTest {
    private static final ConfigWord POWER_ON =
            ConfigWord.of(100, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);

    private final List<Object> replies = new ArrayList<>();
    private final List<Long> polls = new ArrayList<>();
    private final DeviceCounters counters = new DeviceCounters();

    private VirtualLpmsB2 device(SensorMode start, StreamModePolicy policy, FirmwareProfile profile) {
        DeviceHost host = new DeviceHost() {
            @Override
            public void sendReply(byte[] frame) {
                new FrameDecoder()
                        .feed(
                                frame,
                                0,
                                frame.length,
                                f -> replies.add(
                                        Replies.parse(f.function(), f.buffer(), f.payloadOffset(), f.payloadLength())
                                                .map(v -> (Object) v)
                                                .orElse("function " + f.function())));
            }

            @Override
            public void sendPolledSample(long timestampTick) {
                polls.add(timestampTick);
            }

            @Override
            public double temperature() {
                return 27.5;
            }

            @Override
            public double uptimeSeconds() {
                return 0;
            }
        };
        return new VirtualLpmsB2(
                new DeviceSettings(POWER_ON, start, policy, profile, 0),
                DeviceIdentity.simulated(1, 42, profile),
                host,
                counters);
    }

    private static void send(VirtualLpmsB2 d, byte[] command, long tick) {
        new FrameDecoder()
                .feed(
                        command,
                        0,
                        command.length,
                        f -> d.handle(f.function(), f.buffer(), f.payloadOffset(), f.payloadLength(), tick));
    }

    private Object last() {
        return replies.get(replies.size() - 1);
    }

    @Test
    void answersEveryBridgeCommandInCommandMode() {
        VirtualLpmsB2 d = device(SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2);
        send(d, HostCommands.getConfig(1), 0);
        assertEquals(new ReplyValue.Config(POWER_ON), last());
        send(d, HostCommands.getStatus(1), 0);
        assertEquals(new ReplyValue.Status(1), last());
        send(d, HostCommands.getFirmwareVersion(1), 0);
        assertEquals(new ReplyValue.Version(new FirmwareVersion(2, 0, 7)), last());
        send(d, HostCommands.getSerialNumber(1), 0);
        assertTrue(((ReplyValue.Text) last()).text().startsWith("SIM-B2-"));
        send(d, HostCommands.getDeviceName(1), 0);
        assertEquals(new ReplyValue.Text("LPMSB2-SIM-0001"), last());
        send(d, HostCommands.getFirmwareInfo(1), 0);
        assertEquals(new ReplyValue.Text("LPMS-B2 SIM"), last());
        send(d, HostCommands.getImuId(1), 0);
        assertEquals(new ReplyValue.Int(1), last());
        send(d, HostCommands.getBatteryLevel(1), 0);
        float battery = ((ReplyValue.Float32) last()).value();
        assertTrue(battery > 0 && battery <= 100, "battery %");
        send(d, HostCommands.empty(1, FunctionCode.GET_SENSOR_TEMPERATURE), 0);
        assertEquals(new ReplyValue.Float32(27.5f), last());
        send(d, HostCommands.getPing(1), 1234);
        assertEquals(new ReplyValue.Int(1234), last());
        send(d, HostCommands.getSensorData(1), 77);
        assertEquals(List.of(77L), polls, "GET_SENSOR_DATA polls one data frame stamped with the current tick");
        for (FunctionCode f :
                new FunctionCode[] {FunctionCode.WRITE_REGISTERS, FunctionCode.START_SYNC, FunctionCode.STOP_SYNC}) {
            send(d, HostCommands.empty(1, f), 0);
            assertInstanceOf(ReplyValue.Ack.class, last(), f.name());
        }
    }

    @Test
    void configurationChangesTheConfigWord() {
        VirtualLpmsB2 d = device(SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2);
        // Rate bits in a SET_TRANSMIT_DATA payload must not change the rate (the firmware copies output bits only).
        send(d, HostCommands.setTransmitData(1, Output.mask(Output.GYRO, Output.QUAT) | 0x7), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        send(d, HostCommands.setStreamFreq(1, 400, StreamFrequencyEncoding.HZ), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        send(d, HostCommands.setDataMode(1, true), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        send(d, HostCommands.getConfig(1), 0);
        assertEquals(new ReplyValue.Config(ConfigWord.of(400, true, Output.GYRO, Output.QUAT)), last());
        assertEquals(1, d.ticksPerFrame());
        send(d, HostCommands.setStreamFreq(1, 5, StreamFrequencyEncoding.HZ), 0);
        assertEquals(80, d.ticksPerFrame());
        send(d, HostCommands.setTimestamp(1, 0xFFFFFFF0L), 1000);
        assertInstanceOf(ReplyValue.Ack.class, last());
        assertEquals(0xFFFFFFF0L, d.timestamp(1000));
        assertEquals(0L, d.timestamp(1016), "the counter wraps at 2^32");
        send(d, HostCommands.empty(1, FunctionCode.RESTORE_FACTORY_VALUE), 0);
        send(d, HostCommands.getConfig(1), 0);
        assertEquals(new ReplyValue.Config(POWER_ON), last());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 30, 300, 800, 1000, 12345})
    void refusesStreamRatesTheB2DoesNotKnow(int value) {
        VirtualLpmsB2 d = device(SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2);
        send(d, FrameEncoder.encode(1, FunctionCode.SET_STREAM_FREQ.code(), u32(value)), 0);
        assertInstanceOf(ReplyValue.Nack.class, last());
        assertEquals(POWER_ON, d.config());
    }

    @Test
    void firstGenerationFirmwareTakesItsOwnRateCodes() {
        VirtualLpmsB2 d = device(SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.GEN1);
        send(d, HostCommands.setStreamFreq(1, 400, StreamFrequencyEncoding.GEN1_CODES), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        assertEquals(400, d.config().rateHz());
        send(d, HostCommands.setStreamFreq(1, 25, StreamFrequencyEncoding.HZ), 0);
        assertInstanceOf(ReplyValue.Nack.class, last(), "25 Hz is code 30 on gen1; a literal 25 is unknown");
    }

    @Test
    void refusesUnknownFunctionsAndMalformedPayloads() {
        VirtualLpmsB2 d = device(SensorMode.COMMAND, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2);
        send(d, FrameEncoder.encode(1, 200, new byte[0]), 0);
        assertInstanceOf(ReplyValue.Nack.class, last(), "unknown function");
        send(d, FrameEncoder.encode(1, FunctionCode.SET_TRANSMIT_DATA.code(), new byte[2]), 0);
        assertInstanceOf(ReplyValue.Nack.class, last(), "short payload");
        send(d, FrameEncoder.encode(1, FunctionCode.SET_LPBUS_DATA_MODE.code(), u32(2)), 0);
        assertInstanceOf(ReplyValue.Nack.class, last(), "data mode 2");
        send(d, FrameEncoder.encode(1, FunctionCode.GET_CONFIG.code(), u32(0)), 0);
        assertInstanceOf(ReplyValue.Nack.class, last(), "GET_CONFIG with a payload");
        assertEquals(4, counters.nacks());
    }

    @Test
    void streamModeIgnoresConfigurationByDefault() {
        VirtualLpmsB2 d = device(SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2);
        send(d, HostCommands.setStreamFreq(1, 400, StreamFrequencyEncoding.HZ), 0);
        send(d, HostCommands.getConfig(1), 0);
        assertTrue(replies.isEmpty(), "first-gen behaviour: no reply at all");
        assertEquals(2, counters.ignored());
        send(d, HostCommands.getStatus(1), 0);
        assertEquals(new ReplyValue.Status(2), last(), "GET_STATUS is honoured while streaming");
        send(d, HostCommands.setTimestamp(1, 0), 400);
        assertInstanceOf(ReplyValue.Ack.class, last(), "SET_TIMESTAMP is honoured while streaming");
        assertEquals(0, d.timestamp(400));
        send(d, HostCommands.gotoCommandMode(1), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        assertEquals(SensorMode.COMMAND, d.mode());
        assertEquals(POWER_ON, d.config(), "nothing changed while streaming");
    }

    @Test
    void streamModeCanNackInstead() {
        VirtualLpmsB2 d = device(SensorMode.STREAM, StreamModePolicy.NACK, FirmwareProfile.B2_FW2);
        send(d, HostCommands.setTransmitData(1, Output.mask(Output.GYRO)), 0);
        assertInstanceOf(ReplyValue.Nack.class, last());
        send(d, HostCommands.gotoSleepMode(1), 0);
        assertInstanceOf(ReplyValue.Ack.class, last());
        assertEquals(SensorMode.SLEEP, d.mode());
        send(d, HostCommands.getConfig(1), 0);
        assertInstanceOf(ReplyValue.Ack.class, last(), "sleep ignores everything but mode changes and status");
        send(d, HostCommands.gotoStreamMode(1), 0);
        assertEquals(SensorMode.SLEEP, d.mode(), "GOTO_STREAM_MODE is not one of the four honoured commands");
        send(d, HostCommands.gotoCommandMode(1), 0);
        assertEquals(SensorMode.COMMAND, d.mode());
    }

    private static byte[] u32(long v) {
        byte[] p = new byte[4];
        LittleEndian.putI32(p, 0, (int) v);
        return p;
    }
}
