package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.spool.SpooledRecord;
import java.util.List;

/**
 * "Deliver this batch, tell me per record what happened." REST Proxy v2/v3, Kafka producer and a local file
 * implement it; the retry policy is not theirs but the {@link Sender}'s. Called from up to {@code max_in_flight}
 * sender I/O threads at once (so implementations are thread-safe), never with two batches in flight that share a key.
 */
public interface DeliverySink extends AutoCloseable {
    /** Name from the config: the spool keeps one position per sink under it. */
    String name();

    /**
     * Sends records of one topic, in order. Never throws for a delivery problem: classifies it. May block for
     * the sink's request timeout.
     */
    SendResult send(String topic, List<SpooledRecord> batch) throws InterruptedException;

    @Override
    void close();
}
