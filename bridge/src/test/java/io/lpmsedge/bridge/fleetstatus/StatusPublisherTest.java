package io.lpmsedge.bridge.fleetstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.StatusConfig;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.LatencyHistogram;
import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.spool.SpooledRecord;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.SinkStatus;
import io.lpmsedge.bridge.status.SpoolStatus;
import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import io.lpmsedge.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When status events are published and what an outage does to them; time is injected, sinks are in memory. */
class StatusPublisherTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final StatusEventJson json = new StatusEventJson();
    private final RecordingSink sink = new RecordingSink();
    // what the bridge's counters say right now; the test edits these between ticks
    private LinkState arm1 = LinkState.STREAMING;
    private String verdict = "OK";
    private long pending;
    private long lastSuccessAge = 100;
    private long spoolBytes = 1000;
    private Map<String, Long> errors = Map.of();
    private String problem;

    private BridgeStatus snapshot() {
        ScoringStatus scoring = new ScoringStatus(verdict, 0.001, 0.002, 10, 0, 0, List.of());
        SensorStatus s = new SensorStatus(
                "arm-1", "tcp://x:1", arm1, 500, 100.0, 5, 1, 0, 0, 0, 0, 500, 2, 1, 0, 0, 0, 0, null, scoring);
        SinkStatus k = new SinkStatus(
                "cluster", 500, pending, 10, 0, 0, lastSuccessAge, errors, new LatencyHistogram().snapshot(), problem);
        return new BridgeStatus(
                "press-3",
                "boot-a",
                1_795_000_000_000L,
                5_000,
                0,
                0,
                List.of(s),
                new SpoolStatus(spoolBytes, pending, 1, 0, 0, 0, 0, 0, Map.of()),
                List.of(k));
    }

    private StatusPublisher publisher(LatestOnlyLane lane) {
        StatusConfig config =
                new StatusConfig(true, "status", Duration.ofSeconds(10), 1 << 20, Duration.ofSeconds(30), null);
        return new StatusPublisher(
                this::snapshot,
                new StatusEventBuilder(config, "1.2.3", 8_000_000_000L, name -> "arm_ae.zip"),
                List.of(lane),
                config.interval(),
                now::get);
    }

    private String reasonOfTick(StatusPublisher p) {
        StatusEvent e = p.tick();
        return e == null ? null : e.reason();
    }

    @Test
    void startThenOnlyChangesThatMatterAndThePeriodicBeat() {
        StatusPublisher p = publisher(new LatestOnlyLane(sink, "status", "press-3", 10_000));
        assertEquals("start", reasonOfTick(p));
        now.addAndGet(SECOND);
        assertNull(reasonOfTick(p), "nothing changed and the interval has not passed");
        arm1 = LinkState.BACKOFF;
        assertEquals("change", reasonOfTick(p));
        arm1 = LinkState.CONNECTING; // still down: the back-off cycle is not news
        now.addAndGet(SECOND);
        assertNull(reasonOfTick(p));
        verdict = "FAILURE";
        assertEquals("change", reasonOfTick(p));
        pending = 5;
        lastSuccessAge = 31_000; // records waiting and nothing delivered for longer than sink_stuck_ms
        assertEquals("change", reasonOfTick(p));
        spoolBytes = 2 << 20; // above the mark
        assertEquals("change", reasonOfTick(p));
        now.addAndGet(9 * SECOND);
        assertNull(reasonOfTick(p));
        now.addAndGet(SECOND);
        StatusEvent periodic = p.tick();
        assertEquals("periodic", periodic.reason());
        assertEquals(10_000, periodic.intervalMillis());
        StatusEvent.Sensor s = periodic.sensors().get(0);
        assertEquals("CONNECTING", s.state());
        assertEquals("FAILURE", s.verdict());
        assertEquals("arm_ae.zip", s.model());
        assertEquals(3, s.badFrames());
        assertEquals(new StatusEvent.Spool(2 << 20, 8_000_000_000L, 5, 0), periodic.spool());
        assertEquals(5, periodic.seq(), "start, four changes, then this");
    }

    @Test
    void aSinksLastErrorIsTheCodeWhoseCountRoseLast() {
        StatusPublisher p = publisher(new LatestOnlyLane(sink, "status", "press-3", 10_000));
        errors = Map.of("http_503", 3L, "io", 1L);
        p.tick();
        errors = Map.of("http_503", 3L, "io", 2L);
        now.addAndGet(10 * SECOND);
        StatusEvent e = p.tick();
        assertEquals("io", e.sinks().get(0).lastError());
        assertEquals(5, e.sinks().get(0).errors());
    }

    @Test
    void aHoldingSinkIsNewsAtOnceWithTheFarSidesWords() {
        StatusPublisher p = publisher(new LatestOnlyLane(sink, "status", "press-3", 10_000));
        p.tick();
        pending = 30;
        now.addAndGet(SECOND);
        problem = "REFUSED: the proxy answered 400 <html>Bad Request</html> for the whole request";
        StatusEvent e = p.tick();
        assertEquals("change", e.reason(), "not after sink_stuck_ms: the sink is holding now");
        assertEquals(problem, e.sinks().get(0).problem());
        now.addAndGet(10 * SECOND);
        problem = null;
        pending = 0;
        assertNull(p.tick().sinks().get(0).problem());
    }

    @Test
    void duringAnOutageOnlyTheNewestEventWaitsAndItIsWhatArrivesAfterwards() throws Exception {
        LatestOnlyLane lane = new LatestOnlyLane(sink, "status", "press-3", 10_000);
        StatusPublisher p = publisher(lane);
        sink.failing = true;
        for (int i = 0; i < 50; i++) {
            now.addAndGet(10 * SECOND);
            p.tick();
            assertFalse(lane.sendOnce());
        }
        assertEquals(49, lane.replaced());
        assertTrue(sink.delivered.isEmpty());
        sink.failing = false;
        assertTrue(lane.sendOnce());
        assertTrue(lane.sendOnce(), "nothing left to send");
        assertEquals(1, sink.delivered.size(), "one event, not a backlog of 50");
        SpooledRecord r = sink.delivered.get(0);
        assertEquals("press-3", r.entry().key());
        assertEquals("status", r.entry().topic());
        assertEquals(49, json.decode(r.entry().value()).seq(), "the newest one");
    }

    @Test
    void aRefusedEventIsDroppedNotRetriedForever() throws Exception {
        LatestOnlyLane lane = new LatestOnlyLane(sink, "status", "press-3", 10_000);
        StatusPublisher p = publisher(lane);
        sink.answer = RecordStatus.REJECTED;
        p.tick();
        assertTrue(lane.sendOnce());
        assertNull(lane.waiting());
        assertEquals(1, lane.dropped());
    }

    @Test
    void threadsPublishAtStartAndALastStopEventBeforeTheSinksClose() throws Exception {
        LatestOnlyLane lane = new LatestOnlyLane(sink, "status", "press-3", 10_000);
        StatusPublisher p = publisher(lane);
        p.start();
        Await.until(() -> !sink.delivered.isEmpty(), Duration.ofSeconds(20), "the start event delivered");
        p.stop(Duration.ofSeconds(10));
        List<String> reasons = new ArrayList<>();
        for (SpooledRecord r : sink.delivered()) {
            reasons.add(json.decode(r.entry().value()).reason());
        }
        assertEquals("start", reasons.get(0));
        assertEquals("stop", reasons.get(reasons.size() - 1));
    }

    /** Delivers into a list, or fails like an unreachable proxy. */
    static final class RecordingSink implements DeliverySink {
        final List<SpooledRecord> delivered = new ArrayList<>();
        volatile boolean failing;
        volatile RecordStatus answer = RecordStatus.DELIVERED;

        @Override
        public String name() {
            return "cluster";
        }

        @Override
        public synchronized SendResult send(String topic, List<SpooledRecord> batch) {
            if (failing) {
                return SendResult.all(batch.size(), RecordStatus.RETRY, null, "io: Connection refused", 0);
            }
            if (answer == RecordStatus.DELIVERED) {
                delivered.addAll(batch);
            }
            return SendResult.all(batch.size(), answer, null, answer == RecordStatus.DELIVERED ? null : "422: bad", 0);
        }

        synchronized List<SpooledRecord> delivered() {
            return List.copyOf(delivered);
        }

        @Override
        public void close() {}
    }
}
