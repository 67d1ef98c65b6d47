package io.lpmsedge.trainer.kafka;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.Dedupe;
import io.lpmsedge.record.JsonRecordFormat;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.GapDetector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition's offsets in the asked time range, and what they held of the wanted sensor: its readings are
 * deduplicated ({@link Dedupe}, as the score-service does: the bridge repeats whole runs in order) and appended, in
 * partition order, to a JSON Lines file of the bridge's record schema, so that training reads them exactly as it
 * reads a bridge's {@code jsonl} sink. The file is opened with the first reading, so a partition without the sensor
 * leaves none. Continuity breaks are counted with the scorer's own {@link GapDetector} (lineage only: the rate is
 * measured later, from the file); the windows themselves are cut by the scorer when the file is read.
 */
final class PartitionSlice {
    final TopicPartition partition;
    final long start;
    final long stop;
    private final Path file;
    private final Dedupe dedupe = new Dedupe();
    private final GapDetector gaps = new GapDetector(0);
    private final Map<String, Long> gapsByKind = new TreeMap<>();
    private final JsonRecordFormat json = new JsonRecordFormat();
    private OutputStream out;
    long records;
    long firstTimestamp = Long.MAX_VALUE;
    long lastTimestamp = Long.MIN_VALUE;
    long readings;
    long duplicates;

    /**
     * @param start first offset in the range
     * @param stop  one past the last offset in the range
     * @param file  where the sensor's readings go (created with the first one)
     */
    PartitionSlice(TopicPartition partition, long start, long stop, Path file) {
        this.partition = partition;
        this.start = start;
        this.stop = stop;
        this.file = file;
    }

    /** A record in the range, of whichever sensor: counted, and its timestamp widens the range seen. */
    void record(long timestamp) {
        records++;
        firstTimestamp = Math.min(firstTimestamp, timestamp);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    /** A decoded reading of the wanted sensor: written unless it is a repeat of one already written. */
    void reading(Sample sample, Lineage lineage) throws IOException {
        if (!dedupe.isNew(lineage)) {
            duplicates++;
            return;
        }
        Continuity c = gaps.next(Double.NaN, lineage);
        if (c != Continuity.FIRST && c != Continuity.CONTINUES) {
            gapsByKind.merge(c.label(), 1L, Long::sum);
        }
        if (out == null) {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }
        out.write(json.encode(sample.toReading().withLineage(lineage)));
        out.write('\n');
        readings++;
    }

    boolean done(long position) {
        return position >= stop;
    }

    /** The readings file, or null when the sensor had none here. */
    Path file() {
        return readings > 0 ? file : null;
    }

    Map<String, Long> gaps() {
        return gapsByKind;
    }

    void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** Closes and removes the file: a read that failed leaves nothing that looks like training data. */
    void discard() {
        try {
            close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the error that made us discard is the one to report
        }
    }
}
