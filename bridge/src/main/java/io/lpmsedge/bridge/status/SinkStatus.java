package io.lpmsedge.bridge.status;

import io.lpmsedge.bridge.delivery.LatencyHistogram;
import java.util.Map;

/**
 * One sink's delivery at one moment.
 *
 * @param lastSuccessAgeMillis -1 when nothing has been delivered since start
 * @param errors               failures by code (HTTP status, Kafka error name, "timeout", …)
 * @param latency              durations of send requests
 * @param problem              what stops the sink until someone acts (its alert), or null while it delivers
 */
public record SinkStatus(
        String name,
        long delivered,
        long pending,
        long requests,
        long retried,
        long deadLettered,
        long lastSuccessAgeMillis,
        Map<String, Long> errors,
        LatencyHistogram.Snapshot latency,
        String problem) {
    public SinkStatus {
        errors = Map.copyOf(errors);
    }

    /** Without a problem in force. */
    public SinkStatus(
            String name,
            long delivered,
            long pending,
            long requests,
            long retried,
            long deadLettered,
            long lastSuccessAgeMillis,
            Map<String, Long> errors,
            LatencyHistogram.Snapshot latency) {
        this(name, delivered, pending, requests, retried, deadLettered, lastSuccessAgeMillis, errors, latency, null);
    }
}
