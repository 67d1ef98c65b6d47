package io.lpmsedge.bridge.scoring;

import io.lpmsedge.record.verdict.VerdictEvent;

/** Where the scorer thread sends verdict events (the spool in a running bridge). Called from that thread only. */
public interface VerdictPublisher {
    /** A bridge without delivery (tests, benchmarks): events are only logged. */
    VerdictPublisher NONE = (event, urgent) -> {};

    /**
     * @param urgent a verdict change: make it durable and wake the senders now, instead of with the next batch of
     *               readings
     */
    void publish(VerdictEvent event, boolean urgent);
}
