package io.lpmsedge.protocol.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.Hex;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.frame.LpBus;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.RecordingStreamListener;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SensorDataCodecTest {
    static final String WORKED_32 = "3A 01 00 09 00 1C 00 | E8 03 00 00 | CD CC CC 3D  CD CC 4C BE  9A 99 99 3E "
            + "| 00 00 00 00  00 00 00 00  00 00 80 BF | 9F 09 | 0D 0A";
    static final String WORKED_16 =
            "3A 01 00 09 00 10 00 | E8 03 00 00 | 64 00 38 FF 2C 01 | 00 00 00 00 18 FC " + "| E1 03 | 0D 0A";

    static final SampleValues WORKED_VALUES = SampleValues.builder()
            .set(Output.GYRO, 0.1, -0.2, 0.3)
            .set(Output.ACC, 0, 0, -1)
            .build();

    private static RecordingStreamListener decode(byte[] stream, ConfigWord word, FirmwareProfile profile) {
        RecordingStreamListener l = new RecordingStreamListener();
        LpBusStreamDecoder d = new LpBusStreamDecoder(profile, word, l);
        d.feed(stream, 0, stream.length);
        d.endOfStream();
        return l;
    }

    @Test
    void workedExample48ThirtyTwoBit() {
        ConfigWord word = new ConfigWord(0x1800);
        byte[] frame = SensorReplies.data(1, 1000, WORKED_VALUES, word, FirmwareProfile.B2_FW2);
        assertEquals(Hex.of(Hex.bytes(WORKED_32)), Hex.of(frame));

        Reading r = decode(frame, word, FirmwareProfile.B2_FW2).readings.get(0);
        assertEquals(1, r.sensorId());
        assertEquals(1000, r.tick());
        assertEquals(2.5, r.sensorTime());
        assertEquals((double) 0.1f, r.get(Output.GYRO, 0));
        assertEquals((double) -0.2f, r.get(Output.GYRO, 1));
        assertEquals((double) 0.3f, r.get(Output.GYRO, 2));
        assertArrayEquals(new double[] {0, 0, -1}, r.values().vector(Output.ACC));
        assertFalse(r.has(Output.MAG));
        assertTrue(Double.isNaN(r.get(Output.MAG, 0)), "absent outputs are NaN, never zero");
    }

    @Test
    void workedExample48SixteenBit() {
        ConfigWord word = new ConfigWord(0x1800 | ConfigWord.SIXTEEN_BIT);
        byte[] frame = SensorReplies.data(1, 1000, WORKED_VALUES, word, FirmwareProfile.B2_FW2);
        assertEquals(Hex.of(Hex.bytes(WORKED_16)), Hex.of(frame));

        Reading r = decode(frame, word, FirmwareProfile.B2_FW2).readings.get(0);
        assertArrayEquals(
                new double[] {100 / 1000.0, -200 / 1000.0, 300 / 1000.0},
                r.values().vector(Output.GYRO));
        assertArrayEquals(new double[] {0, 0, -1000 / 1000.0}, r.values().vector(Output.ACC));
    }

    /** Every output in field order with distinct values; all of them, in both modes, under each profile. */
    static SampleValues everyOutput() {
        return SampleValues.builder()
                .set(Output.GYRO, 0.5, -1.25, 2.0)
                .set(Output.ACC, 0.01, -0.02, 0.981)
                .set(Output.MAG, 21.5, -4.25, 43.75)
                .set(Output.ANG_VEL, -0.125, 0.25, 0.375)
                .set(Output.QUAT, 0.5, 0.5, -0.5, 0.5)
                .set(Output.EULER, 0.75, -1.5, 3.0)
                .set(Output.LIN_ACC, 0.002, -0.004, 0.008)
                .set(Output.PRESSURE, 101.25)
                .set(Output.ALTITUDE, 112.5)
                .set(Output.TEMPERATURE, 24.5)
                .set(Output.HEAVE, -0.125)
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            names = {"B2_FW2", "LEGACY", "GEN1"},
            value = ProfileName.class)
    void everyOutputRoundTripsInBothModes(ProfileName name) {
        FirmwareProfile profile = name.profile;
        for (boolean sixteen : new boolean[] {false, true}) {
            ConfigWord word = ConfigWord.of(100, sixteen, Output.values());
            assertEquals(sixteen ? 56 : 108, word.payloadLength(profile), "docs/lpms-protocol.md#payload-length");
            byte[] frame = SensorReplies.data(7, 400, everyOutput(), word, profile);
            assertEquals(word.payloadLength(profile) + LpBus.OVERHEAD, frame.length);
            Reading r = decode(frame, word, profile).readings.get(0);
            assertEquals(7, r.sensorId());
            assertEquals(400, r.tick());
            assertEquals(1.0, r.sensorTime(), 1e-12);
            for (Output o : Output.values()) {
                if (o == Output.HUMIDITY) {
                    assertFalse(r.has(o), "the B2 sends no humidity");
                    continue;
                }
                assertTrue(r.has(o), o.key());
                for (int i = 0; i < o.components(); i++) {
                    double expected = everyOutput().get(o, i);
                    double step = sixteen ? 1 / profile.divisor(o) : 0;
                    assertEquals(
                            expected,
                            r.get(o, i),
                            step / 2 + Math.ulp((float) expected),
                            profile + " " + (sixteen ? 16 : 32) + "-bit " + o.key() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void sixteenBitDivisorsFollowTheProfile() {
        ConfigWord word = ConfigWord.of(100, true, Output.QUAT, Output.EULER, Output.HEAVE, Output.PRESSURE);
        // Raw int16 payload: quat 1000 (x4), euler 1000 (x3), pressure 10130, heave 50.
        byte[] payload = new byte[4 + 2 * 9];
        short[] raw = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 10130, 50};
        for (int i = 0; i < raw.length; i++) {
            io.lpmsedge.protocol.frame.LittleEndian.putI16(payload, 4 + 2 * i, raw[i]);
        }
        byte[] frame = io.lpmsedge.protocol.frame.FrameEncoder.encode(1, 9, payload);

        Reading fw2 = decode(frame, word, FirmwareProfile.B2_FW2).readings.get(0);
        assertEquals(0.1, fw2.get(Output.QUAT, 0));
        assertEquals(0.1, fw2.get(Output.EULER, 2));
        assertEquals(101.3, fw2.get(Output.PRESSURE, 0));
        assertEquals(0.05, fw2.get(Output.HEAVE, 0));

        Reading legacy = decode(frame, word, FirmwareProfile.LEGACY).readings.get(0);
        assertEquals(1.0, legacy.get(Output.QUAT, 0));
        assertEquals(1.0, legacy.get(Output.EULER, 0));
        assertEquals(101.3, legacy.get(Output.PRESSURE, 0));
        assertEquals(0.5, legacy.get(Output.HEAVE, 0));

        Reading overridden = decode(frame, word, FirmwareProfile.B2_FW2.withDivisor(Output.PRESSURE, 10))
                .readings
                .get(0);
        assertEquals(1013.0, overridden.get(Output.PRESSURE, 0));
        assertEquals(0.1, overridden.get(Output.QUAT, 0));
    }

    @Test
    void gen1TimestampIsFloatSeconds() {
        ConfigWord word = ConfigWord.of(100, false, Output.ACC);
        byte[] frame = SensorReplies.data(1, 4000, WORKED_VALUES, word, FirmwareProfile.GEN1);
        assertEquals(10.0f, io.lpmsedge.protocol.frame.LittleEndian.f32(frame, 7));
        Reading r = decode(frame, word, FirmwareProfile.GEN1).readings.get(0);
        assertEquals(4000, r.tick());
        assertEquals(10.0, r.sensorTime(), 1e-9);
    }

    @Test
    void sixteenBitValuesSaturateInsteadOfWrapping() {
        ConfigWord word = ConfigWord.of(100, true, Output.ACC);
        SampleValues big =
                SampleValues.builder().set(Output.ACC, 40.0, -40.0, 1.0).build();
        Reading r = decode(SensorReplies.data(1, 0, big, word, FirmwareProfile.B2_FW2), word, FirmwareProfile.B2_FW2)
                .readings
                .get(0);
        assertArrayEquals(new double[] {32.767, -32.768, 1.0}, r.values().vector(Output.ACC));
    }

    @Test
    void humidityCanBeDescribedByAProfile() {
        FirmwareProfile withHumidity =
                FirmwareProfile.B2_FW2.withHumidityBit(28).withDivisor(Output.HUMIDITY, 100);
        ConfigWord word = new ConfigWord(Output.mask(Output.TEMPERATURE, Output.HEAVE) | 1 << 28);
        assertEquals(4 + 3 * 4, word.payloadLength(withHumidity));
        assertEquals(4 + 2 * 4, word.payloadLength(FirmwareProfile.B2_FW2), "bit 28 means nothing to a B2");
        SampleValues v = SampleValues.builder()
                .set(Output.TEMPERATURE, 25.0)
                .set(Output.HEAVE, 0.5)
                .set(Output.HUMIDITY, 45.5)
                .build();
        Reading r = decode(SensorReplies.data(1, 0, v, word, withHumidity), word, withHumidity)
                .readings
                .get(0);
        assertEquals(45.5, r.get(Output.HUMIDITY, 0));
        assertEquals(0.5, r.get(Output.HEAVE, 0));
        assertThrows(IllegalArgumentException.class, () -> FirmwareProfile.B2_FW2.withHumidityBit(12));
    }

    @Test
    void encodingRefusesAWordThatEnablesAnAbsentOutput() {
        ConfigWord word = ConfigWord.of(100, false, Output.MAG);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SensorReplies.data(1, 0, WORKED_VALUES, word, FirmwareProfile.B2_FW2));
        assertTrue(e.getMessage().contains("mag"), e.getMessage());
    }

    @Test
    void configWordFields() {
        ConfigWord w = ConfigWord.parse("0x00003E04");
        assertEquals(100, w.rateHz());
        assertFalse(w.sixteenBit());
        assertEquals(
                EnumSet.of(Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE),
                EnumSet.copyOf(Arrays.stream(Output.values())
                        .filter(o -> w.has(o, FirmwareProfile.B2_FW2))
                        .toList()));
        assertEquals(48, w.payloadLength(FirmwareProfile.B2_FW2), "docs/lpms-protocol.md#payload-length");
        assertEquals(26, w.withSixteenBit(true).payloadLength(FirmwareProfile.B2_FW2));
        assertEquals(new ConfigWord(0x3E06), w.withRateHz(400));
        assertEquals("0x00003E04", w.hex());
        assertEquals(0x3E00, Output.mask(Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ConfigWord.parse("xyz"));
        assertTrue(bad.getMessage().contains("0x00003E00"));
        assertThrows(IllegalArgumentException.class, () -> ConfigWord.rateCode(30));
    }

    enum ProfileName {
        B2_FW2(FirmwareProfile.B2_FW2),
        LEGACY(FirmwareProfile.LEGACY),
        GEN1(FirmwareProfile.GEN1);

        final FirmwareProfile profile;

        ProfileName(FirmwareProfile profile) {
            this.profile = profile;
        }
    }
}
