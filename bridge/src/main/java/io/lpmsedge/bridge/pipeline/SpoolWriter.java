package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.record.RecordFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's write-ahead step: every reading is encoded and appended to the spool, keyed by its sensor name,
 * before any sink sees it; {@link #flush()} fsyncs, which tells the senders (the spool's readable listeners).
 */
public final class SpoolWriter implements ReadingStage {
    private final Spool spool;
    private final RecordFormat format;
    private final String topic;
    private final List<SpoolEntry> entries = new ArrayList<>();

    public SpoolWriter(Spool spool, RecordFormat format, String topic) {
        this.spool = spool;
        this.format = format;
        this.topic = topic;
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
    }

    @Override
    public void close() {
        flush();
    }
}
