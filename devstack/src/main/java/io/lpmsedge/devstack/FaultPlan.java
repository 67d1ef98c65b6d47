package io.lpmsedge.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults a {@link RestProxyStandIn} injects, armed by tests at any time and applied to the next requests in
 * arrival order. Thread-safe: the stand-in answers on several threads while a test arms and inspects faults.
 *
 * <p>Order inside one request: authentication, then a whole-request {@link HttpFault} (nothing is produced), then
 * the records are produced with any {@link RecordFault}s, then a delay, then either the answer or a dropped
 * connection.
 */
public final class FaultPlan {
    private record Armed<T>(T spec, Fault fault) {}

    /** Ordinals count from the moment of arming, so each rule keeps the ordinal it started at. */
    private record ArmedRecord(RecordFault spec, Fault fault, long start) {}

    private final List<Armed<HttpFault>> statuses = new CopyOnWriteArrayList<>();
    private final List<ArmedRecord> records = new ArrayList<>(); // guarded by this
    private final List<Armed<Duration>> delays = new CopyOnWriteArrayList<>();
    private final List<Fault> drops = new CopyOnWriteArrayList<>();
    private long recordOrdinal;

    /** The next {@code times} requests to the fault's endpoints get {@code answer} instead of being produced. */
    public Fault respond(int times, HttpFault answer) {
        Fault f = new Fault("HTTP " + answer.status() + " on " + answer.endpoints(), times);
        statuses.add(new Armed<>(answer, f));
        return f;
    }

    /** Shorthand for {@code respond(times, HttpFault.status(status))}. */
    public Fault respondWithStatus(int times, int status) {
        return respond(times, HttpFault.status(status));
    }

    /** Per-record errors inside an HTTP 200 (see {@link RecordFault} for how records are numbered). */
    public synchronized Fault failRecords(RecordFault rule) {
        Fault f = new Fault("record error " + rule.errorCode(), Fault.UNLIMITED);
        records.add(new ArmedRecord(rule, f, recordOrdinal));
        return f;
    }

    /**
     * The next {@code times} produce requests are produced to Kafka and then the connection is closed without an
     * answer: the lost response after which a client retry stores the records twice.
     */
    public Fault dropResponses(int times) {
        Fault f = new Fault("drop the response", times);
        drops.add(f);
        return f;
    }

    /** The next {@code times} produce requests are answered only after {@code delay} (after producing). */
    public Fault delayResponses(int times, Duration delay) {
        Fault f = new Fault("delay " + delay.toMillis() + " ms", times);
        delays.add(new Armed<>(delay, f));
        return f;
    }

    /** Disarms every fault (their counts stay readable through the handles) and restarts record numbering. */
    public synchronized void clear() {
        for (Armed<HttpFault> a : statuses) {
            a.fault().useUp();
        }
        for (ArmedRecord a : records) {
            a.fault().useUp();
        }
        for (Armed<Duration> a : delays) {
            a.fault().useUp();
        }
        for (Fault f : drops) {
            f.useUp();
        }
        statuses.clear();
        records.clear();
        delays.clear();
        drops.clear();
        recordOrdinal = 0;
    }

    Optional<HttpFault> claimStatus(Endpoint endpoint) {
        for (Armed<HttpFault> a : statuses) {
            if (a.spec().endpoints().contains(endpoint) && a.fault().claim()) {
                return Optional.of(a.spec());
            }
        }
        return Optional.empty();
    }

    /** The fault for the next record received, if any; advances the record numbering either way. */
    synchronized Optional<RecordFault> nextRecord() {
        long ordinal = recordOrdinal++;
        for (ArmedRecord a : records) {
            if (a.fault().isUsedUp()) {
                continue;
            }
            long relative = ordinal - a.start();
            if (a.spec().matches(relative)) {
                a.fault().countFiring();
                if (a.spec().exhaustedAfter(relative)) {
                    a.fault().useUp();
                }
                return Optional.of(a.spec());
            }
            if (a.spec().exhaustedAfter(relative)) {
                a.fault().useUp();
            }
        }
        return Optional.empty();
    }

    boolean claimDrop() {
        for (Fault f : drops) {
            if (f.claim()) {
                return true;
            }
        }
        return false;
    }

    Duration claimDelay() {
        for (Armed<Duration> a : delays) {
            if (a.fault().claim()) {
                return a.spec();
            }
        }
        return Duration.ZERO;
    }
}
