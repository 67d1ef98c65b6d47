package io.lpmsedge.bridge.delivery.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.record.CborRecordFormat;
import io.lpmsedge.record.JsonRecordFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON Lines sink: one schema-1 JSON line per record, whatever the spooled format, and no false "delivered". */
class JsonLinesFileSinkTest {
    private final JsonRecordFormat json = new JsonRecordFormat();
    private final CborRecordFormat cbor = new CborRecordFormat();

    private static Reading reading(int i) {
        return new Reading(
                3,
                1000 + i,
                2.5 + i * 0.0025,
                0,
                SampleValues.builder()
                        .set(Output.PRESSURE, 101.25 + i)
                        .set(Output.TEMPERATURE, 21.5)
                        .build(),
                null);
    }

    private static List<SpooledRecord> batch(long firstOffset, List<byte[]> values) {
        List<SpooledRecord> batch = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            batch.add(new SpooledRecord(firstOffset + i, new SpoolEntry("readings", "arm-1", values.get(i))));
        }
        return batch;
    }

    @Test
    void writesOneJsonLinePerRecordAndAppendsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/readings.jsonl"); // the parent does not exist yet
        JsonLinesFileSink first = new JsonLinesFileSink("file", file.toString());
        SendResult r1 = first.send("readings", batch(0, List.of(json.encode(reading(0)), json.encode(reading(1)))));
        first.close();
        JsonLinesFileSink second = new JsonLinesFileSink("file", file.toString());
        SendResult r2 = second.send("readings", batch(2, List.of(json.encode(reading(2)))));
        second.close();

        assertEquals(List.of(RecordStatus.DELIVERED, RecordStatus.DELIVERED), r1.statuses());
        assertEquals(List.of(RecordStatus.DELIVERED), r2.statuses());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(
                List.of(
                        new String(json.encode(reading(0)), StandardCharsets.UTF_8),
                        new String(json.encode(reading(1)), StandardCharsets.UTF_8),
                        new String(json.encode(reading(2)), StandardCharsets.UTF_8)),
                lines);
    }

    @Test
    void cborRecordsAreWrittenAsTheSameJsonLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("readings.jsonl");
        JsonLinesFileSink sink = new JsonLinesFileSink("file", file.toString());
        sink.send("readings", batch(0, List.of(cbor.encode(reading(0)), json.encode(reading(1)))));
        sink.close();

        assertEquals(
                List.of(
                        new String(json.encode(reading(0)), StandardCharsets.UTF_8),
                        new String(json.encode(reading(1)), StandardCharsets.UTF_8)),
                Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void aFailedWriteIsARetryWithTheSystemsWordsNeverADelivery() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as on a full disk
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        JsonLinesFileSink sink = new JsonLinesFileSink("file", full.toString());
        // more than the 64 KiB buffer, so the write itself reaches the device
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add(json.encode(reading(i)));
        }
        SendResult result = sink.send("readings", batch(0, values));
        sink.close();

        assertTrue(
                result.statuses().stream().allMatch(s -> s == RecordStatus.RETRY),
                result.statuses().toString());
        assertTrue(
                result.reason(0).startsWith("io: ") && result.reason(0).contains("No space left on device"),
                result.reason(0));
    }
}
