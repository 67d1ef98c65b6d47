package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.record.RecordFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's write-ahead step: every reading is encoded and appended to the spool, keyed by its sensor name,
 * before any sink sees it; {@link #flush()} fsyncs and wakes the senders.
 */
public final class SpoolWriter implements ReadingStage {
    private final Spool spool;
    private final RecordFormat format;
    private final String topic;
    private final Runnable onDurable;
    private final List<SpoolEntry> entries = new ArrayList<>();

    /** @param onDurable called after each fsync (wakes the senders) */
    public SpoolWriter(Spool spool, RecordFormat format, String topic, Runnable onDurable) {
        this.spool = spool;
        this.format = format;
        this.topic = topic;
        this.onDurable = onDurable;
    }

    @Override
    public void write(List<Reading> batch) {
        entries.clear();
        for (Reading r : batch) {
            entries.add(new SpoolEntry(topic, r.lineage().sensorName(), format.encode(r)));
        }
        spool.append(entries);
    }

    @Override
    public void flush() {
        spool.sync();
        onDurable.run();
    }

    @Override
    public void close() {
        flush();
    }
}
