package io.lpmsedge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.protocol.data.SensorDataCodec;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Both record formats read back bit-exactly through {@link RecordDecoder}; CBOR is the smaller one. */
class RecordFormatTest {
    private final RecordDecoder decoder = new RecordDecoder();
    private final JsonRecordFormat json = new JsonRecordFormat();
    private final CborRecordFormat cbor = new CborRecordFormat();

    static Reading reading(Random rnd, boolean sixteenBit) {
        Sample s = new Sample()
                .clear()
                .header(
                        1,
                        120_164 + rnd.nextInt(1000),
                        300.41 + rnd.nextDouble(),
                        1_795_430_712_345_678_901L + rnd.nextInt(1_000_000));
        for (Output o :
                new Output[] {Output.GYRO, Output.ACC, Output.MAG, Output.QUAT, Output.PRESSURE, Output.TEMPERATURE}) {
            double[] c = new double[o.components()];
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) (10 * rnd.nextGaussian());
            }
            s.set(o, c);
        }
        Reading r = s.toReading()
                .withLineage(new Lineage(
                        "press-line-3",
                        "robot-arm-1",
                        "6f1c0a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                        41 + rnd.nextInt(1 << 20),
                        2));
        return sixteenBit ? throughSixteenBitWire(r) : r;
    }

    /** What a 16-bit-mode sensor delivers: the values after the real codec's int16 round trip. */
    static Reading throughSixteenBitWire(Reading r) {
        ConfigWord word = ConfigWord.of(
                400, true, Output.GYRO, Output.ACC, Output.MAG, Output.QUAT, Output.PRESSURE, Output.TEMPERATURE);
        byte[] frame = new byte[256];
        int n = SensorDataCodec.encode(r.tick(), r.values(), word, FirmwareProfile.B2_FW2, frame, 0);
        Sample back = new Sample();
        SensorDataCodec.decode(frame, 0, word, FirmwareProfile.B2_FW2, back);
        return new Reading(r.sensorId(), r.tick(), r.sensorTime(), r.receivedAtNanos(), back.values(), r.lineage());
    }

    @Property(tries = 300)
    void bothFormatsRoundTripBitExactly(@ForAll long seed, @ForAll boolean sixteenBit) {
        Reading r = reading(new Random(seed), sixteenBit);
        assertEquals(r, decoder.decode(json.encode(r)));
        assertEquals(r, decoder.decode(cbor.encode(r)));
    }

    /** The allocation-light path: a reused sample is cleared and refilled, and reads like {@link #decode}. */
    @Property(tries = 100)
    void aReusedSampleReadsBothFormatsLikeAFreshReading(@ForAll long seed, @ForAll boolean sixteenBit) {
        Reading full = reading(new Random(seed), sixteenBit);
        Reading pressureOnly = new Reading(
                7, 9, 0.5, 0, SampleValues.builder().set(Output.PRESSURE, 101.3).build(), null);
        Sample reused = new Sample();
        for (Reading r : new Reading[] {full, pressureOnly, full}) {
            for (RecordFormat f : new RecordFormat[] {json, cbor}) {
                assertEquals(r.lineage(), decoder.decode(f.encode(r), reused));
                assertEquals(r.withLineage(null), reused.toReading(), f.name());
            }
        }
    }

    @Test
    void jsonIntegerArraysArePlainValuesAndAMissingTimeIsNaN() {
        Reading r = decoder.decode(
                "{\"schema\":1,\"sensorId\":3,\"ticks\":9,\"acc\":[0,1,2]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.get(Output.ACC, 0));
        assertEquals(2, r.get(Output.ACC, 2));
        assertTrue(Double.isNaN(r.sensorTime()));
        assertEquals(null, r.lineage());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> decoder.decode("{\"schema\":1,\"sensorId\":3}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("ticks"), e.getMessage());
    }

    @Test
    void oddDoublesSurviveCbor() {
        SampleValues v = SampleValues.builder()
                .set(Output.GYRO, -0.0, Math.PI, 1e-300)
                .set(Output.ACC, 0.5, 40000, -32768)
                .set(Output.PRESSURE, Double.NaN)
                .set(Output.TEMPERATURE, 0.1)
                .build();
        Reading r = new Reading(7, 1L << 33, 1e9 + 0.0025, 0, v, null);
        Reading back = decoder.decode(cbor.encode(r));
        assertEquals(r, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(Output.GYRO, 0)));
    }

    @Test
    void sixteenBitValuesAreWrittenAsScaledIntegers() {
        Reading r = reading(new Random(3), true);
        assertEquals(2, CborRecordFormat.decimalScale(r, Output.PRESSURE) >= 0 ? 2 : 0);
        assertEquals(4, CborRecordFormat.decimalScale(r, Output.QUAT));
        Reading f = reading(new Random(3), false);
        assertEquals(-1, CborRecordFormat.decimalScale(f, Output.GYRO));
        int cbor16 = cbor.encode(r).length;
        int cbor32 = cbor.encode(f).length;
        int json32 = json.encode(f).length;
        // 16 components: int16 (≤ 3 B) beats float32 (5 B); both beat JSON text by far
        assertTrue(cbor16 + 16 <= cbor32, cbor16 + " vs " + cbor32);
        assertTrue(cbor32 * 3 < json32 * 2, cbor32 + " vs " + json32);
    }

    @Test
    void formatIsToldByTheFirstByte() {
        Reading r = reading(new Random(1), false);
        assertEquals("json", RecordDecoder.formatOf(json.encode(r)));
        byte[] c = cbor.encode(r);
        assertEquals("cbor", RecordDecoder.formatOf(c));
        assertEquals(0xD9, c[0] & 0xFF);
        assertEquals(0xD9, c[1] & 0xFF);
        assertEquals(0xF7, c[2] & 0xFF);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RecordDecoder.formatOf(new byte[] {0x01}));
        assertTrue(e.getMessage().contains("0x1"), e.getMessage());
    }

    @Test
    void laterSchemaIsRefusedAndUnknownKeysSkipped() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> decoder.decode("{\"schema\":2,\"sensor\":\"a\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("schema 2"), e.getMessage());
        Reading r = decoder.decode(
                "{\"schema\":1,\"future\":{\"x\":[1,2]},\"sensorId\":3,\"ticks\":9,\"t\":0.5,\"pressure\":101.3}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(3, r.sensorId());
        assertEquals(101.3, r.get(Output.PRESSURE, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> decoder.decode("{\"schema\":1,\"gyro\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IllegalArgumentException.class,
                () -> decoder.decode("{\"schema\":1,".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownFormatNameIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordFormat.byName("avro"));
        assertTrue(e.getMessage().contains("\"cbor\""), e.getMessage());
        assertEquals("cbor", RecordFormat.byName("cbor").name());
    }
}
