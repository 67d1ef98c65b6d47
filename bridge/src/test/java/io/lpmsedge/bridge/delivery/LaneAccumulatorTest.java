package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.LaneAccumulator.Batch;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lanes as a data structure, driven by a manual clock: what is ready when, and in which order. */
class LaneAccumulatorTest {
    private static final long MS = 1_000_000L;
    /** Starts near the top of the range: every comparison must survive nanoTime's wrap-around. */
    private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 10_000 * MS);

    private long offset;

    private LaneAccumulator lanes(int maxRecords, int maxBytes, Duration linger, int lanes) {
        SenderConfig c = new SenderConfig(
                maxRecords,
                maxBytes,
                linger,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                lanes);
        return new LaneAccumulator(c, offset, clock::get);
    }

    private List<SpooledRecord> records(String topic, String key, int n, int bytes) {
        List<SpooledRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] value = new byte[bytes];
            byte[] tag = (key + "#" + offset).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(tag, 0, value, 0, Math.min(tag.length, bytes));
            out.add(new SpooledRecord(offset++, new SpoolEntry(topic, key, value)));
        }
        return out;
    }

    private static List<Long> offsets(Batch b) {
        return b.records().stream().map(SpooledRecord::offset).toList();
    }

    private void advance(long millis) {
        clock.addAndGet(millis * MS);
    }

    @Test
    void aPartialBatchLingersThenGoesAndAFullOneGoesAtOnce() {
        LaneAccumulator acc = lanes(4, 1 << 20, Duration.ofMillis(50), 1);
        acc.append(records("t", "a", 3, 10));
        assertEquals(List.of(), acc.drain(false));
        assertEquals(50 * MS, acc.nanosUntilReady(false), "the whole linger is left");
        advance(30);
        assertEquals(20 * MS, acc.nanosUntilReady(false));
        acc.append(records("t", "a", 1, 10)); // fourth record: the batch is full
        assertEquals(0, acc.nanosUntilReady(false));
        List<Batch> out = acc.drain(false);
        assertEquals(1, out.size());
        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(out.get(0)));
    }

    @Test
    void lingerCountsFromTheOldestWaitingRecordAndFlushSkipsIt() {
        LaneAccumulator acc = lanes(100, 1 << 20, Duration.ofMillis(50), 1);
        acc.append(records("t", "a", 1, 10));
        advance(40);
        acc.append(records("t", "a", 1, 10)); // a later record does not restart the linger
        assertEquals(10 * MS, acc.nanosUntilReady(false));
        assertEquals(0, acc.nanosUntilReady(true), "a stop drains at once");
        assertEquals(List.of(0L, 1L), offsets(acc.drain(true).get(0)));
    }

    @Test
    void aBatchStopsAtTheByteLimitAndAtATopicChangeButTakesOneOversizedRecord() {
        LaneAccumulator acc = lanes(100, 25, Duration.ZERO, 1);
        acc.append(records("t", "a", 1, 40)); // larger than a request may be: still sent, alone
        acc.append(records("t", "a", 3, 10));
        acc.append(records("u", "a", 1, 10));
        Batch first = acc.drain(false).get(0);
        assertEquals(List.of(0L), offsets(first));
        acc.complete(first, List.of());
        Batch second = acc.drain(false).get(0);
        assertEquals(List.of(1L, 2L), offsets(second), "25 bytes hold two records of 10");
        acc.complete(second, List.of());
        Batch third = acc.drain(false).get(0);
        assertEquals(List.of(3L), offsets(third), "a batch is one topic");
        acc.complete(third, List.of());
        Batch fourth = acc.drain(false).get(0);
        assertEquals("u", fourth.topic());
        assertEquals(List.of(4L), offsets(fourth));
    }

    @Test
    void aLaneHasOneRequestInFlightAndOtherLanesGoMeanwhile() {
        LaneAccumulator acc = lanes(2, 1 << 20, Duration.ZERO, 4);
        String k1 = "s1";
        String k2 = keyOnOtherLane(acc, k1);
        acc.append(records("t", k1, 4, 10));
        acc.append(records("t", k2, 1, 10));
        List<Batch> out = acc.drain(false);
        assertEquals(2, out.size(), "one batch per lane with records: " + out);
        assertEquals(2, acc.inFlight());
        assertEquals(List.of(), acc.drain(false), "each lane waits for its request");
        assertEquals(LaneAccumulator.NEVER, acc.nanosUntilReady(false), "only a request's end can change that");
        Batch first = out.stream()
                .filter(b -> b.records().get(0).entry().key().equals(k1))
                .findFirst()
                .orElseThrow();
        acc.complete(first, List.of());
        assertEquals(List.of(2L, 3L), offsets(acc.drain(false).get(0)));
    }

    /** A key that hashes to another lane than {@code key}. */
    private static String keyOnOtherLane(LaneAccumulator acc, String key) {
        for (int i = 0; ; i++) {
            if (acc.laneOf("k" + i) != acc.laneOf(key)) {
                return "k" + i;
            }
        }
    }

    @Test
    void keysAreSpreadOverTheLanesAndAKeyAlwaysUsesTheSameOne() {
        LaneAccumulator acc = lanes(500, 1 << 20, Duration.ZERO, 4);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            used.add(acc.laneOf("sensor-" + i));
            assertEquals(acc.laneOf("sensor-" + i), acc.laneOf("sensor-" + i));
        }
        assertEquals(4, used.size(), "20 sensors use all four lanes");
        for (int i = 0; i < 20; i++) {
            acc.append(records("t", "sensor-" + i, 3, 10));
        }
        List<Batch> out = acc.drain(false);
        assertEquals(4, out.size());
        for (Batch b : out) {
            for (SpooledRecord r : b.records()) {
                assertEquals(b.lane(), acc.laneOf(r.entry().key()));
            }
        }
    }

    @Test
    void whatGoesAgainComesFirstSoAKeysOrderHoldsAcrossRetries() {
        LaneAccumulator acc = lanes(4, 1 << 20, Duration.ofSeconds(10), 1);
        List<SpooledRecord> rs = records("t", "a", 4, 10);
        acc.append(rs);
        Batch b = acc.drain(false).get(0);
        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(b));
        acc.append(records("t", "a", 1, 10)); // read while the request is in flight
        acc.complete(b, List.of(rs.get(2), rs.get(3))); // 0, 1 delivered; 2 failed, so 3 goes again after it
        assertEquals(0, acc.nanosUntilReady(false), "what a request left behind does not linger again");
        assertEquals(List.of(2L, 3L, 4L), offsets(acc.drain(false).get(0)));
    }

    @Test
    void aBackedOffLaneWaitsItsOwnTimeAndOthersDoNot() {
        LaneAccumulator acc = lanes(10, 1 << 20, Duration.ZERO, 2);
        String k1 = "s1";
        String k2 = keyOnOtherLane(acc, k1);
        acc.append(records("t", k1, 1, 10));
        Batch b = acc.drain(false).get(0);
        acc.complete(b, b.records());
        acc.backOff(b.lane(), 200 * MS);
        assertEquals(200 * MS, acc.nanosUntilReady(false));
        acc.append(records("t", k2, 1, 10));
        List<Batch> out = acc.drain(false);
        assertEquals(1, out.size());
        assertEquals(k2, out.get(0).records().get(0).entry().key());
        advance(199);
        assertEquals(List.of(), acc.drain(false));
        assertEquals(MS, acc.nanosUntilReady(false));
        advance(1);
        assertEquals(List.of(0L), offsets(acc.drain(false).get(0)));
    }

    @Test
    void aHoldStopsEveryLaneAndALaterHoldOnlyExtendsIt() {
        LaneAccumulator acc = lanes(10, 1 << 20, Duration.ZERO, 4);
        for (int i = 0; i < 8; i++) {
            acc.append(records("t", "s" + i, 1, 10));
        }
        acc.hold(60_000 * MS);
        acc.hold(1000 * MS); // a shorter one does not shorten the hold in force
        assertEquals(List.of(), acc.drain(false));
        assertEquals(List.of(), acc.drain(true), "a stop drains, but not through a hold");
        assertEquals(60_000 * MS, acc.nanosUntilReady(false));
        advance(60_000);
        assertEquals(4, acc.drain(false).size());
    }

    @Test
    void theAcknowledgementNeverPassesARecordALaneStillHolds() {
        offset = 100; // the sink had acknowledged up to here before
        LaneAccumulator acc = lanes(2, 1 << 20, Duration.ZERO, 2);
        String k1 = "s1";
        String k2 = keyOnOtherLane(acc, k1);
        assertEquals(100, acc.ackOffset());
        acc.append(records("t", k1, 1, 10)); // 100
        acc.append(records("t", k2, 2, 10)); // 101, 102
        assertEquals(103, acc.nextRead());
        List<Batch> out = acc.drain(false);
        Batch ofK1 =
                out.stream().filter(b -> offsets(b).contains(100L)).findFirst().orElseThrow();
        Batch ofK2 =
                out.stream().filter(b -> offsets(b).contains(101L)).findFirst().orElseThrow();
        acc.complete(ofK2, List.of());
        assertEquals(100, acc.ackOffset(), "100 is still in flight");
        acc.complete(ofK1, List.of(ofK1.records().get(0)));
        assertEquals(100, acc.ackOffset(), "100 goes again");
        acc.complete(acc.drain(false).get(0), List.of());
        assertEquals(103, acc.ackOffset());
        assertTrue(acc.isEmpty());
    }

    @Test
    void aLaneTakesAtMostTwoBatchesBeforeReadingStops() {
        LaneAccumulator acc = lanes(5, 1 << 20, Duration.ZERO, 1);
        acc.append(records("t", "a", 9, 10));
        assertTrue(acc.hasRoom());
        acc.append(records("t", "a", 1, 10));
        assertFalse(acc.hasRoom(), "ten records = two batches of five");
        acc.complete(acc.drain(false).get(0), List.of());
        assertTrue(acc.hasRoom());
    }

    @Test
    void aSplitLimitHalvesTheBatchUntilReset() {
        LaneAccumulator acc = lanes(8, 1 << 20, Duration.ofSeconds(10), 1);
        acc.append(records("t", "a", 8, 10));
        Batch b = acc.drain(false).get(0);
        acc.complete(b, b.records());
        acc.limitBatch(b.lane(), 4);
        Batch half = acc.drain(false).get(0);
        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(half));
        acc.complete(half, half.records());
        Batch again = acc.drain(false).get(0);
        assertEquals(4, again.records().size(), "the limit holds until a request goes through");
        acc.complete(again, again.records());
        acc.resetBatchLimit(b.lane());
        assertEquals(8, acc.drain(false).get(0).records().size());
    }

    @Test
    void nothingToWaitForWhenEmptyAndRecordsAreNotReadTwice() {
        LaneAccumulator acc = lanes(8, 1 << 20, Duration.ofMillis(50), 2);
        assertEquals(LaneAccumulator.NEVER, acc.nanosUntilReady(false));
        assertEquals(LaneAccumulator.NEVER, acc.nanosUntilReady(true));
        acc.append(records("t", "a", 2, 10));
        offset = 1;
        assertThrows(IllegalArgumentException.class, () -> acc.append(records("t", "a", 1, 10)));
        assertThrows(
                IllegalStateException.class,
                () -> acc.complete(new Batch(0, "t", List.of()), List.of()),
                "no request in flight");
    }
}
