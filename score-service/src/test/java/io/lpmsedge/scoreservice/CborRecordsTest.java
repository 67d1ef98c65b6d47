package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.data.SensorDataCodec;
import io.lpmsedge.record.CborRecordFormat;
import io.lpmsedge.record.JsonRecordFormat;
import io.lpmsedge.record.RecordFormat;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bridge with {@code [record] format = "cbor"}: the same readings, encoded by the bridge's own formats, are
 * scored from CBOR exactly as from JSON, for 32-bit sensors (float32 values) and 16-bit ones (scaled integers).
 */
class CborRecordsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SENSORS = 2;
    private static ScorerConfig config;
    private final TestKafka kafka = new TestKafka();

    @BeforeAll
    static void model() {
        config = Streams.config();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @ParameterizedTest(name = "sixteenBit={0}")
    @ValueSource(booleans = {false, true})
    void cborRecordsAreScoredExactlyLikeTheSameReadingsInJson(boolean sixteenBit) throws Exception {
        List<List<Reading>> readings = new ArrayList<>();
        for (int s = 0; s < SENSORS; s++) {
            readings.add(readings(s, sixteenBit));
        }
        byte[] sampleValue = new CborRecordFormat().encode(readings.get(0).get(0));
        assertEquals(
                sixteenBit ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT,
                firstAccToken(sampleValue),
                "the CBOR form under test: scaled int16 for 16-bit data, float32 for 32-bit");

        List<String> fromJson = score(new JsonRecordFormat(), readings);
        List<String> fromCbor = score(new CborRecordFormat(), readings);
        assertEquals(SENSORS * (Streams.ROWS / 100), fromCbor.size(), "every window of every sensor");
        assertEquals(fromJson, fromCbor);
        assertTrue(
                fromCbor.stream().anyMatch(k -> k.contains("OK->FAILURE")), "the fault segments are seen: " + fromCbor);
    }

    /** Runs one service instance over the readings encoded in {@code format}; its events' keys, sorted. */
    private List<String> score(RecordFormat format, List<List<Reading>> readings) throws Exception {
        String in = TestKafka.STACK.newTopic("readings-" + format.name(), 2);
        String out = TestKafka.STACK.newTopic("verdicts-" + format.name(), 1);
        String group = "g-" + UUID.randomUUID();
        for (int seq = 0; seq < Streams.ROWS; seq++) {
            for (int s = 0; s < SENSORS; s++) {
                kafka.send(in, Streams.name(s), format.encode(readings.get(s).get(seq)));
            }
        }
        kafka.flush();
        try (Instance i =
                new Instance(TestKafka.settings(in, out, group, Emit.WINDOWS), Streams.single(config), format.name())) {
            kafka.awaitAllCommitted(group, in, WAIT);
            ServiceCounters c = i.counters();
            assertEquals(0, c.unknownFormat.get(), format.name() + " records skipped as unknown");
            assertEquals(SENSORS * Streams.ROWS, c.readings.get(), format.name() + " readings scored");
        }
        return Streams.eventKeys(kafka.readAll(out));
    }

    /** Sensor {@code s}'s stream as its sensor mode delivers it: float32, or the codec's int16 round trip. */
    private static List<Reading> readings(int s, boolean sixteenBit) {
        double[][] rows = Streams.sensorRows(s);
        ConfigWord word = ConfigWord.of(100, sixteenBit, Output.ACC, Output.GYRO);
        byte[] frame = new byte[256];
        Sample wire = new Sample();
        Sample back = new Sample();
        List<Reading> out = new ArrayList<>(rows.length);
        for (int seq = 0; seq < rows.length; seq++) {
            Streams.sample(wire, s, seq, rows[seq]);
            SensorDataCodec.encode(wire.tick(), wire, word, FirmwareProfile.B2_FW2, frame, 0);
            SensorDataCodec.decode(frame, 0, word, FirmwareProfile.B2_FW2, back);
            back.header(wire.sensorId(), wire.tick(), wire.sensorTime(), wire.receivedAtNanos());
            out.add(back.toReading().withLineage(Streams.lineage(s, seq)));
        }
        return out;
    }

    /** The token of the first element of the {@code acc} array in a CBOR record value. */
    private static JsonToken firstAccToken(byte[] cbor) throws IOException {
        try (JsonParser p = new CBORFactory().createParser(cbor)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("acc")) {
                    p.nextToken();
                    return p.nextToken();
                }
            }
        }
        throw new AssertionError("no acc in the CBOR value");
    }
}
