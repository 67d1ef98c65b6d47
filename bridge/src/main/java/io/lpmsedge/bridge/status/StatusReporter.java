package io.lpmsedge.bridge.status;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.delivery.DeliveryCounters;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.reload.ReloadCounters;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.bridge.session.SensorSession;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.protocol.frame.DecoderCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Takes {@link BridgeStatus} snapshots of a running bridge from its counters. The one place that knows where
 * each number lives, so the status page, {@code /ready} and {@code /metrics} cannot disagree.
 */
public final class StatusReporter {
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final Bridge bridge;
    private final Function<String, ScoringStatus> scoring;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long startedNanos;
    /** Per sensor; sensors come and go with reloads. */
    private final Map<String, RateMeter> rates = new ConcurrentHashMap<>();

    /**
     * @param scoring the scorer's view of a sensor by name, null for a sensor that is not scored
     * @param nanoTime monotonic time ({@code System::nanoTime} outside tests)
     */
    public StatusReporter(Bridge bridge, Function<String, ScoringStatus> scoring, Clock clock, LongSupplier nanoTime) {
        this.bridge = bridge;
        this.scoring = scoring;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
    }

    public static StatusReporter of(Bridge bridge, Function<String, ScoringStatus> scoring) {
        return new StatusReporter(bridge, scoring, Clock.systemUTC(), System::nanoTime);
    }

    /** A reporter that shows the bridge's own live scoring, if it has any. */
    public static StatusReporter of(Bridge bridge) {
        return of(bridge, sensor -> scoringStatus(bridge.scoring(), sensor));
    }

    static ScoringStatus scoringStatus(ScoringStage stage, String sensor) {
        if (stage == null) {
            return null;
        }
        return stage.status(sensor)
                .map(v -> new ScoringStatus(
                        v.windowsScored() == 0 ? "UNKNOWN" : v.verdict().name(),
                        v.lastRms(),
                        v.threshold(),
                        v.windowsScored(),
                        v.verdictChanges(),
                        v.droppedInHandoff(),
                        v.recentRms(),
                        v.model(),
                        v.modelLoadedAt() == null ? 0 : v.modelLoadedAt().toEpochMilli()))
                .orElse(null);
    }

    public Bridge bridge() {
        return bridge;
    }

    public BridgeStatus snapshot() {
        long now = nanoTime.getAsLong();
        List<SensorStatus> sensors = new ArrayList<>();
        List<SensorSession> sessions = bridge.sessions();
        for (SensorSession s : sessions) {
            sensors.add(sensor(s, now));
        }
        // a sensor a reload removed leaves the status; added back later, its rate starts afresh
        rates.keySet().retainAll(sessions.stream().map(SensorSession::name).toList());
        Delivery delivery = bridge.delivery();
        SpoolStatus spool = null;
        List<SinkStatus> sinks = new ArrayList<>();
        if (delivery != null) {
            Spool sp = delivery.spool();
            long records = 0;
            for (Sender sender : delivery.senders()) {
                long pending = sp.pending(sender.name());
                records = Math.max(records, pending);
                sinks.add(sink(sender, pending));
            }
            spool = new SpoolStatus(
                    sp.sizeBytes(),
                    records,
                    sp.segmentCount(),
                    sp.oldestUnacknowledgedAgeMillis(),
                    sp.bytesWritten(),
                    sp.syncs(),
                    sp.writeErrors(),
                    sp.dropped(),
                    sp.droppedByKey(),
                    sp.missingRecords(),
                    deadLetters(delivery),
                    sp.recovering());
        }
        return new BridgeStatus(
                bridge.name(),
                bridge.bootId(),
                clock.millis(),
                (now - startedNanos) / 1_000_000,
                bridge.handoff().size(),
                bridge.handoff().dropped(),
                sensors,
                spool,
                sinks,
                reloads(bridge.reloads()));
    }

    static ReloadStatus reloads(ReloadCounters r) {
        ReloadCounters.Outcome last = r.last();
        return last == null
                ? new ReloadStatus(r.installed(), r.refused(), null, true, 0)
                : new ReloadStatus(
                        r.installed(),
                        r.refused(),
                        last.message(),
                        last.installed(),
                        last.at().toEpochMilli());
    }

    private SensorStatus sensor(SensorSession s, long now) {
        SensorCounters c = s.counters();
        DecoderCounters.Snapshot f = s.frameCounters();
        long readings = c.readings();
        double rate = rates.computeIfAbsent(s.name(), n -> new RateMeter(RATE_WINDOW_NANOS))
                .update(readings, now);
        long last = c.lastReadingNanos();
        long age = last == 0 ? -1 : Math.max(0, (now - last) / 1_000_000);
        return new SensorStatus(
                s.name(),
                s.config().link().url(),
                c.state(),
                readings,
                rate,
                age,
                c.connects(),
                c.reconnects(),
                c.stalls(),
                c.tickGaps(),
                c.missedSamples(),
                f.goodFrames(),
                f.lrcMismatch(),
                f.badEndBytes(),
                f.lengthOutOfRange(),
                f.bytesSkipped(),
                c.undecodable(),
                c.droppedQueueFull(),
                c.lastError(),
                scoring.apply(s.name()));
    }

    private static List<DeadLetterStatus> deadLetters(Delivery delivery) {
        List<DeadLetterStatus> out = new ArrayList<>();
        delivery.deadLetters()
                .forEach((sink, d) -> out.add(new DeadLetterStatus(
                        sink,
                        d.path().toString(),
                        d.parkedRecords(),
                        d.parkedBytes(),
                        d.fileBytes(),
                        d.maxBytes(),
                        d.fullRefusals(),
                        d.full())));
        return out;
    }

    private SinkStatus sink(Sender sender, long pending) {
        DeliveryCounters c = sender.counters();
        long last = c.lastSuccessMillis();
        return new SinkStatus(
                sender.name(),
                c.delivered(),
                pending,
                c.requests(),
                c.retried(),
                c.deadLettered(),
                last == 0 ? -1 : Math.max(0, clock.millis() - last),
                c.errors(),
                c.latency(),
                c.problem());
    }
}
