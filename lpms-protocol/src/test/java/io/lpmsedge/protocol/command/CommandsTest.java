package io.lpmsedge.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.Hex;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.StreamFrequencyEncoding;
import io.lpmsedge.protocol.frame.CollectingListener;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.FrameView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsTest {
    @Test
    void hostCommandsMatchTheWorkedFramesOfSection29() {
        assertEquals("3A 01 00 06 00 00 00 07 00 0D 0A", Hex.of(HostCommands.gotoCommandMode(1)));
        assertEquals(
                "3A 01 00 0B 00 04 00 64 00 00 00 74 00 0D 0A",
                Hex.of(HostCommands.setStreamFreq(1, 100, StreamFrequencyEncoding.HZ)));
        assertEquals(
                "3A 01 00 0A 00 04 00 00 18 00 00 27 00 0D 0A",
                Hex.of(HostCommands.setTransmitData(1, Output.mask(Output.GYRO, Output.ACC))));
        assertEquals("3A 01 00 00 00 00 00 01 00 0D 0A", Hex.of(SensorReplies.ack(1)));
    }

    @Test
    void everyHostCommandHasItsFunctionAndArgument() {
        record Expect(byte[] frame, FunctionCode fn, Long arg) {}
        List<Expect> all = List.of(
                new Expect(HostCommands.gotoCommandMode(1), FunctionCode.GOTO_COMMAND_MODE, null),
                new Expect(HostCommands.gotoStreamMode(1), FunctionCode.GOTO_STREAM_MODE, null),
                new Expect(HostCommands.gotoSleepMode(1), FunctionCode.GOTO_SLEEP_MODE, null),
                new Expect(HostCommands.getConfig(1), FunctionCode.GET_CONFIG, null),
                new Expect(HostCommands.getStatus(1), FunctionCode.GET_STATUS, null),
                new Expect(HostCommands.getSensorData(1), FunctionCode.GET_SENSOR_DATA, null),
                new Expect(HostCommands.setTransmitData(1, 0x3E00), FunctionCode.SET_TRANSMIT_DATA, 0x3E00L),
                new Expect(
                        HostCommands.setStreamFreq(1, 400, StreamFrequencyEncoding.HZ),
                        FunctionCode.SET_STREAM_FREQ,
                        400L),
                new Expect(
                        HostCommands.setStreamFreq(1, 400, StreamFrequencyEncoding.GEN1_CODES),
                        FunctionCode.SET_STREAM_FREQ,
                        300L),
                new Expect(HostCommands.setDataMode(1, true), FunctionCode.SET_LPBUS_DATA_MODE, 1L),
                new Expect(HostCommands.setDataMode(1, false), FunctionCode.SET_LPBUS_DATA_MODE, 0L),
                new Expect(HostCommands.setTimestamp(1, 0xFFFFFFFFL), FunctionCode.SET_TIMESTAMP, 0xFFFFFFFFL),
                new Expect(HostCommands.getFirmwareVersion(1), FunctionCode.GET_FIRMWARE_VERSION, null),
                new Expect(HostCommands.getFirmwareInfo(1), FunctionCode.GET_FIRMWARE_INFO, null),
                new Expect(HostCommands.getSerialNumber(1), FunctionCode.GET_SERIAL_NUMBER, null),
                new Expect(HostCommands.getDeviceName(1), FunctionCode.GET_DEVICE_NAME, null),
                new Expect(HostCommands.getImuId(1), FunctionCode.GET_IMU_ID, null),
                new Expect(HostCommands.getBatteryLevel(1), FunctionCode.GET_BATTERY_LEVEL, null),
                new Expect(HostCommands.getPing(1), FunctionCode.GET_PING, null));
        for (Expect e : all) {
            List<long[]> got = new ArrayList<>();
            new FrameDecoder()
                    .feed(
                            e.frame,
                            0,
                            e.frame.length,
                            (FrameView f) -> got.add(new long[] {
                                f.function(),
                                f.payloadLength(),
                                f.payloadLength() == 4
                                        ? io.lpmsedge.protocol.frame.LittleEndian.u32(f.buffer(), f.payloadOffset())
                                        : -1
                            }));
            assertEquals(1, got.size(), e.fn.name());
            assertEquals(e.fn.code(), got.get(0)[0]);
            assertEquals(e.arg == null ? 0 : 4, got.get(0)[1], e.fn.name());
            if (e.arg != null) {
                assertEquals(e.arg, got.get(0)[2], e.fn.name());
            }
        }
    }

    @Test
    void streamFrequencyEncodingsAreGenerationCorrect() {
        assertEquals(25, StreamFrequencyEncoding.HZ.encode(25));
        assertEquals(30, StreamFrequencyEncoding.GEN1_CODES.encode(25));
        assertEquals(500, StreamFrequencyEncoding.GEN1_CODES.encode(800));
        assertEquals(100, StreamFrequencyEncoding.GEN1_CODES.encode(100));
        for (int hz : new int[] {5, 10, 25, 50, 100, 200, 400}) {
            for (StreamFrequencyEncoding e : StreamFrequencyEncoding.values()) {
                assertEquals(hz, e.decode(e.encode(hz)));
            }
        }
        assertEquals(-1, StreamFrequencyEncoding.HZ.decode(300));
        assertEquals(-1, StreamFrequencyEncoding.GEN1_CODES.decode(400));
        assertEquals(-1, StreamFrequencyEncoding.HZ.decode(7));
        assertThrows(IllegalArgumentException.class, () -> StreamFrequencyEncoding.HZ.encode(60));
    }

    private static Optional<ReplyValue> parse(byte[] frame) {
        CollectingListener l = new CollectingListener();
        Optional<ReplyValue>[] out = new Optional[1];
        new FrameDecoder()
                .feed(
                        frame,
                        0,
                        frame.length,
                        f -> out[0] = Replies.parse(f.function(), f.buffer(), f.payloadOffset(), f.payloadLength()));
        return out[0];
    }

    @Test
    void repliesRoundTrip() {
        assertEquals(new ReplyValue.Ack(), parse(SensorReplies.ack(1)).orElseThrow());
        assertEquals(new ReplyValue.Nack(), parse(SensorReplies.nack(1)).orElseThrow());
        ConfigWord w = ConfigWord.of(400, true, Output.ACC, Output.QUAT);
        assertEquals(new ReplyValue.Config(w), parse(SensorReplies.config(1, w)).orElseThrow());
        assertEquals(
                new ReplyValue.Version(new FirmwareVersion(2, 0, 5)),
                parse(SensorReplies.firmwareVersion(1, new FirmwareVersion(2, 0, 5)))
                        .orElseThrow());
        assertEquals("2.0.5", new FirmwareVersion(2, 0, 5).toString());
        assertEquals(
                new ReplyValue.Text("LPMSB2-001234"),
                parse(SensorReplies.text(
                                1, FunctionCode.GET_SERIAL_NUMBER, "LPMSB2-001234", SensorReplies.SERIAL_NUMBER_WIDTH))
                        .orElseThrow());
        assertEquals(
                new ReplyValue.Float32(87.5f),
                parse(SensorReplies.float32(1, FunctionCode.GET_BATTERY_LEVEL, 87.5f))
                        .orElseThrow());
        assertEquals(
                new ReplyValue.Int(0xFFFFFFF0L),
                parse(SensorReplies.ping(1, 0xFFFFFFF0L)).orElseThrow());
        assertEquals(new ReplyValue.Int(3), parse(SensorReplies.imuId(3)).orElseThrow());
        ReplyValue.Status st =
                (ReplyValue.Status) parse(SensorReplies.status(1, 0b10)).orElseThrow();
        assertTrue(st.streamMode());
    }

    @Test
    void malformedRepliesAreEmptyNotExceptions() {
        assertTrue(parse(HostCommands.getConfig(1)).isEmpty(), "the request has no word");
        assertTrue(parse(io.lpmsedge.protocol.frame.FrameEncoder.encode(1, 47, new byte[5]))
                .isEmpty());
        assertTrue(parse(io.lpmsedge.protocol.frame.FrameEncoder.encode(1, 0, new byte[2]))
                .isEmpty());
        assertTrue(parse(io.lpmsedge.protocol.frame.FrameEncoder.encode(1, 5000, new byte[2]))
                .isEmpty());
        assertEquals(
                new ReplyValue.Text("AB?C"),
                parse(io.lpmsedge.protocol.frame.FrameEncoder.encode(1, 91, new byte[] {'A', 'B', 7, 'C', 0, 'Z'}))
                        .orElseThrow());
    }

    @Test
    void functionNames() {
        assertEquals("GET_CONFIG", FunctionCode.nameOf(4));
        assertEquals("UNKNOWN_3", FunctionCode.nameOf(3));
        assertEquals("UNKNOWN_65535", FunctionCode.nameOf(65535));
        assertEquals(FunctionCode.Reply.ACK, FunctionCode.SET_TRANSMIT_DATA.reply());
    }
}
