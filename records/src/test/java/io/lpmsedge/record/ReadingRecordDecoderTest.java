package io.lpmsedge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Both bridge formats into the reused sample alike; anything else is an UnknownFormatException that says why. */
class ReadingRecordDecoderTest {
    private final ReadingRecordDecoder decoder = new ReadingRecordDecoder();
    private final Sample sample = new Sample();

    private static final double[] ROW = {
        0.00624632416075582,
        0.0025672695719725584,
        -1.0014097094651655,
        -0.006245401364066232,
        0.0035931782305104933,
        -0.016583217791337177
    };

    private static Reading reading(long seq) {
        long ticks = 1000 + 4L * seq;
        return new Sample()
                .set(Output.ACC, ROW[0], ROW[1], ROW[2])
                .set(Output.GYRO, ROW[3], ROW[4], ROW[5])
                .header(2, ticks, ticks * 0.0025, 1)
                .toReading()
                .withLineage(new Lineage("line-3", "arm-1", "boot-1", seq, 1));
    }

    /** The same reading as {@link #reading} written by hand, as another producer might (doubles round-trip). */
    private static String handWritten(long seq) {
        long ticks = 1000 + 4 * seq;
        return String.format(
                Locale.ROOT,
                "{\"schema\":1,\"sensor\":\"arm-1\",\"bridge\":\"line-3\","
                        + "\"bootId\":\"boot-1\",\"seq\":%d,\"linkEpoch\":1,\"sensorId\":2,\"ticks\":%d,\"t\":%s,"
                        + "\"recvNs\":1,\"gyro\":[%s,%s,%s],\"acc\":[%s,%s,%s]}",
                seq,
                ticks,
                ticks * 0.0025,
                ROW[3],
                ROW[4],
                ROW[5],
                ROW[0],
                ROW[1],
                ROW[2]);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertDecodesTo(Reading expected, byte[] value) throws UnknownFormatException {
        Lineage lineage = decoder.decode(value, sample);
        assertEquals(expected.lineage(), lineage);
        assertEquals(expected.withLineage(null), sample.toReading());
    }

    @Test
    void theBridgesJsonTheHandWrittenJsonAndCborFillTheSameSampleAndLineage() throws Exception {
        Reading r = reading(41);
        assertDecodesTo(r, utf8(handWritten(41)));
        assertDecodesTo(r, new JsonRecordFormat().encode(r));
        assertDecodesTo(r, new CborRecordFormat().encode(r));
        assertEquals(
                "arm-1",
                decoder.decode(new CborRecordFormat().encode(r), sample).sensorName());
    }

    @Test
    void theSampleIsClearedBetweenRecords() throws Exception {
        decoder.decode(new CborRecordFormat().encode(reading(1)), sample);
        assertTrue(sample.has(Output.ACC));
        decoder.decode(
                utf8("{\"schema\":1,\"sensor\":\"a\",\"bootId\":\"b\",\"seq\":2,\"ticks\":7,\"pressure\":101.3}"),
                sample);
        assertFalse(sample.has(Output.ACC), "values of the previous record must not leak into this one");
        assertEquals(101.3, sample.get(Output.PRESSURE, 0));
        assertEquals(7, sample.tick());
        assertTrue(Double.isNaN(sample.sensorTime()), "no t: NaN, as before");
        assertEquals(0, sample.sensorId());
    }

    @Test
    void jsonIntegerArraysArePlainValuesNotCborsScaledForm() throws Exception {
        decoder.decode(
                utf8("{\"schema\":1,\"sensor\":\"a\",\"bootId\":\"b\",\"seq\":2,\"ticks\":7,\"acc\":[0,1,2],"
                        + "\"gyro\":[1,null,\"2.5\"]}"),
                sample);
        assertEquals(0, sample.get(Output.ACC, 0));
        assertEquals(2, sample.get(Output.ACC, 2));
        assertTrue(Double.isNaN(sample.get(Output.GYRO, 1)));
        assertEquals(2.5, sample.get(Output.GYRO, 2));
    }

    @Test
    void garbageAnotherSchemaAndRecordsWithoutTheDedupeKeyAreUnknownFormats() throws Exception {
        assertMessage(null, "tombstone");
        assertMessage(new byte[0], "empty");
        assertMessage(utf8(" \n"), "empty");
        assertMessage(new byte[] {(byte) 0xA5, 0x66, 0x73, 0x63}, "CBOR without the self-describe tag");
        assertMessage(new byte[] {0x01, 0x02}, "first byte 0x01");
        assertMessage(utf8("[1,2]"), "neither JSON nor the bridge's CBOR");
        assertMessage(utf8("{\"schema\":2,\"sensor\":\"x\",\"acc\":\"later\"}"), "schema 2 is not supported");
        assertMessage(cborSchema(2), "schema 2 is not supported");
        assertMessage(utf8("{\"sensor\":\"x\",\"ticks\":1}"), "no \"schema\"");
        assertMessage(utf8("{\"schema\":1,\"sensor\":\"x\",\"bootId\":\"b\",\"seq\":1}"), "no \"ticks\"");
        assertMessage(
                utf8("{\"schema\":1,\"sensor\":\"x\",\"ticks\":1,\"gyro\":[1,2]}"),
                "'gyro' should be an array of 3 numbers");
        assertMessage(utf8("{\"schema\":1,\"sensor\":\"x\",\"ticks\":1,\"acc\":5}"), "'acc' should be an array");
        assertMessage(utf8("{\"schema\":1,"), "unreadable JSON");
        Reading noLineage = reading(3).withLineage(null);
        assertMessage(new CborRecordFormat().encode(noLineage), "without sensor, bootId and seq");
        assertMessage(new JsonRecordFormat().encode(noLineage), "without sensor, bootId and seq");
        byte[] cbor = new CborRecordFormat().encode(reading(3));
        assertMessage(Arrays.copyOf(cbor, cbor.length - 5), "unreadable CBOR");
    }

    /** Whatever the bytes, the answer is a reading or an UnknownFormatException: never another exception. */
    @Property(tries = 500)
    void cutOrFlippedRecordsAreReadingsOrUnknownFormats(
            @ForAll boolean cbor,
            @ForAll @IntRange(max = 400) int cut,
            @ForAll @IntRange(max = 400) int flip,
            @ForAll byte with) {
        Reading r = reading(5);
        byte[] value = cbor ? new CborRecordFormat().encode(r) : new JsonRecordFormat().encode(r);
        value = Arrays.copyOf(value, Math.min(cut, value.length));
        if (flip < value.length) {
            value[flip] = with;
        }
        try {
            assertNotEquals(null, decoder.decode(value, sample));
        } catch (UnknownFormatException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank());
        }
    }

    private void assertMessage(byte[] value, String expected) {
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> decoder.decode(value, sample));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] cborSchema(int schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = CBORFactory.builder()
                .enable(com.fasterxml.jackson.dataformat.cbor.CBORGenerator.Feature.WRITE_TYPE_HEADER)
                .build()
                .createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema", schema);
            g.writeStringField("sensor", "x");
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
