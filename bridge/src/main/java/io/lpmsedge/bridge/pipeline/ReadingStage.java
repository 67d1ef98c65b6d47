package io.lpmsedge.bridge.pipeline;

import io.lpmsedge.protocol.data.Reading;
import java.io.IOException;
import java.util.List;

/**
 * Where the pipeline delivers readings: one obvious place for each new output (a JSON Lines file now; the
 * spool, Kafka REST Proxy and Kafka producer with the delivery issue). Called from the dispatcher thread only.
 */
public interface ReadingStage extends AutoCloseable {
    /** Takes a batch, in the order the readers produced them (per sensor: in seq order). */
    void write(List<Reading> batch) throws IOException;

    /** Makes what was written durable or visible (flushes buffers). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
