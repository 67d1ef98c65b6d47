package io.lpmsedge.bridge.delivery;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What one sink's sender has done; read by status, metrics and tests from any thread. */
public final class DeliveryCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong resentAfterDelivery = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong splits = new AtomicLong();
    final AtomicLong authFailures = new AtomicLong();
    final AtomicLong topicMissing = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong deadLetterFailures = new AtomicLong();
    /** The alert in force (the sink cannot make progress until someone acts), null while it delivers. */
    final AtomicReference<String> problem = new AtomicReference<>();

    final AtomicLong lastSuccessMillis = new AtomicLong();
    final AtomicLong latencyNanosTotal = new AtomicLong();
    final AtomicLong latencyNanosMax = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deliveredByTopic = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();

    void requestTook(long nanos) {
        requests.incrementAndGet();
        latencyNanosTotal.addAndGet(nanos);
        latencyNanosMax.accumulateAndGet(nanos, Math::max);
        latency.record(nanos);
    }

    /** Durations of send requests (one per batch), for the metrics histogram. */
    public LatencyHistogram.Snapshot latency() {
        return latency.snapshot();
    }

    void delivered(String topic, int records) {
        delivered.addAndGet(records);
        deliveredByTopic.computeIfAbsent(topic, k -> new LongAdder()).add(records);
    }

    /** {@link #delivered()} by topic: readings and verdict events share a spool and a sink. */
    public Map<String, Long> deliveredByTopic() {
        Map<String, Long> out = new TreeMap<>();
        deliveredByTopic.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    public long requests() {
        return requests.get();
    }

    /** Records the far side confirmed (a record resent after a lost answer may be counted twice). */
    public long delivered() {
        return delivered.get();
    }

    /** Record sends that failed and were queued again. */
    public long retried() {
        return retried.get();
    }

    /** Records sent again although the far side had confirmed them, to keep a sensor's order. */
    public long resentAfterDelivery() {
        return resentAfterDelivery.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public long splits() {
        return splits.get();
    }

    public long authFailures() {
        return authFailures.get();
    }

    public long topicMissing() {
        return topicMissing.get();
    }

    /** Requests the far side refused as a whole (a request or configuration problem; the records were kept). */
    public long refused() {
        return refused.get();
    }

    /** Refused records that could not be parked (dead-letter file full or unwritable) and were kept instead. */
    public long deadLetterFailures() {
        return deadLetterFailures.get();
    }

    /**
     * What stops this sink right now and what to do about it (the alert it logged once: refused credentials, a
     * proxy refusing the request, a missing topic, an unwritable dead-letter file), or null while it delivers.
     * For readiness and the status page.
     */
    public String problem() {
        return problem.get();
    }

    /** Wall-clock millis of the last request that delivered anything, 0 before. */
    public long lastSuccessMillis() {
        return lastSuccessMillis.get();
    }

    /** Failed requests or records by code: HTTP status ("http_503"), proxy error code ("50003"), or exception. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long latencyNanosTotal() {
        return latencyNanosTotal.get();
    }

    public long latencyNanosMax() {
        return latencyNanosMax.get();
    }
}
