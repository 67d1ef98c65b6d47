package io.lpmsedge.protocol.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.Hex;
import io.lpmsedge.protocol.command.HostCommands;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.protocol.data.TickUnwrapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LpBusStreamDecoderTest {
    static final SampleValues V = SampleValues.builder()
            .set(Output.GYRO, 0.1, 0.2, 0.3)
            .set(Output.ACC, 0, 0, 1)
            .set(Output.MAG, 20, 0, 40)
            .build();

    @Test
    void aGetConfigReplyInTheStreamSetsTheWordForLaterFrames() {
        ConfigWord gyroOnly = ConfigWord.of(100, false, Output.GYRO);
        ConfigWord threeSixteen = ConfigWord.of(100, true, Output.GYRO, Output.ACC, Output.MAG);
        byte[] stream = Hex.concat(
                SensorReplies.data(1, 4, V, gyroOnly, FirmwareProfile.B2_FW2),
                SensorReplies.config(1, threeSixteen),
                SensorReplies.data(1, 8, V, threeSixteen, FirmwareProfile.B2_FW2));
        RecordingStreamListener l = new RecordingStreamListener();
        LpBusStreamDecoder d = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, gyroOnly, l);
        d.feed(stream, 0, stream.length);
        assertEquals(2, l.readings.size());
        assertFalse(l.readings.get(0).has(Output.ACC));
        assertTrue(l.readings.get(1).has(Output.MAG));
        assertEquals(20.0, l.readings.get(1).get(Output.MAG, 0));
        assertEquals(List.of("GET_CONFIG"), l.others);
        assertEquals(threeSixteen, d.configWord().orElseThrow());
    }

    @Test
    void dataWithoutAnyConfigWordIsReportedNotGuessed() {
        byte[] frame = SensorReplies.data(1, 4, V, ConfigWord.of(100, false, Output.GYRO), FirmwareProfile.B2_FW2);
        RecordingStreamListener l = new RecordingStreamListener();
        LpBusStreamDecoder d = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, null, l);
        d.feed(frame, 0, frame.length);
        assertEquals(List.of(UndecodableReason.NO_CONFIG_WORD), l.undecodable);
        assertEquals(1, d.undecodable(UndecodableReason.NO_CONFIG_WORD));
        assertTrue(l.readings.isEmpty());
    }

    @Test
    void aLengthThatContradictsTheWordIsReported() {
        byte[] frame = SensorReplies.data(1, 4, V, ConfigWord.of(100, false, Output.GYRO), FirmwareProfile.B2_FW2);
        RecordingStreamListener l = new RecordingStreamListener();
        LpBusStreamDecoder d =
                new LpBusStreamDecoder(FirmwareProfile.B2_FW2, ConfigWord.of(100, false, Output.GYRO, Output.ACC), l);
        d.feed(frame, 0, frame.length);
        assertEquals(List.of(UndecodableReason.LENGTH_MISMATCH), l.undecodable);
        assertEquals(0, d.dataFrames());
    }

    @Test
    void hostCommandsAndRepliesPassThroughAsOtherFrames() {
        byte[] stream = Hex.concat(
                HostCommands.getSensorData(1),
                SensorReplies.ack(1),
                SensorReplies.nack(1),
                HostCommands.getConfig(1),
                new byte[] {0x3A, 0x01, 0x00, 0x7B, 0x00, 0x00, 0x00, 0x7C, 0x00, 0x0D, 0x0A});
        RecordingStreamListener l = new RecordingStreamListener();
        LpBusStreamDecoder d = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, null, l);
        d.feed(stream, 0, stream.length);
        assertEquals(List.of("GET_SENSOR_DATA", "REPLY_ACK", "REPLY_NACK", "GET_CONFIG", "UNKNOWN_123"), l.others);
        assertTrue(d.configWord().isEmpty(), "a host's GET_CONFIG request carries no word");
        assertTrue(l.undecodable.isEmpty());
    }

    @Test
    void ticksWrapThroughTwoToThe32AndTimeKeepsIncreasing() {
        ConfigWord word = ConfigWord.of(400, false, Output.GYRO);
        long start = (1L << 32) - 2;
        byte[] stream = new byte[0];
        for (int i = 0; i < 5; i++) {
            stream = Hex.concat(
                    stream, SensorReplies.data(1, (start + i) & 0xFFFFFFFFL, V, word, FirmwareProfile.B2_FW2));
        }
        RecordingStreamListener l = new RecordingStreamListener();
        new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, l).feed(stream, 0, stream.length);
        assertEquals(
                List.of(4294967294L, 4294967295L, 0L, 1L, 2L),
                l.readings.stream().map(r -> r.tick()).toList());
        for (int i = 0; i < 5; i++) {
            assertEquals((start + i) * 0.0025, l.readings.get(i).sensorTime(), 1e-6);
        }
    }

    @Test
    void tickUnwrapperTakesSmallBackwardStepsAsResets() {
        TickUnwrapper u = new TickUnwrapper();
        assertEquals(1000, u.unwrap(1000));
        assertEquals(10, u.unwrap(10), "SET_TIMESTAMP / sensor reset: not a wrap");
        assertEquals(0xFFFFFFF0L, u.unwrap(0xFFFFFFF0L));
        assertEquals((1L << 32) + 5, u.unwrap(5));
    }

    @Test
    void receiveTimeFromTheFeedIsOnTheReading() {
        ConfigWord word = ConfigWord.of(100, false, Output.GYRO);
        byte[] frame = SensorReplies.data(1, 4, V, word, FirmwareProfile.B2_FW2);
        RecordingStreamListener l = new RecordingStreamListener();
        new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, l)
                .feed(frame, 0, frame.length, 1_700_000_000_123_456_789L);
        assertEquals(1_700_000_000_123_456_789L, l.readings.get(0).receivedAtNanos());
    }
}
