package io.lpmsedge.bridge.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.window.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scorer thread and its hand-off with crafted readings (the simulator runs in BridgeScoringTest). */
class ScoringStageTest {
    static final ScorerConfig MODEL = ScoringModels.load(TestModel.model(), TestModel.manifest());

    static ScoringConfig config(int capacity, boolean windowEvents, String... sensors) {
        return ScoringConfig.single(
                TestModel.model(),
                TestModel.manifest(),
                List.of(sensors),
                MODEL,
                "verdicts",
                capacity,
                windowEvents,
                GpioConfig.DISABLED);
    }

    /** A resting sensor: gravity on z, no rotation (scores far above the moving arm's threshold? see the tests). */
    static Reading reading(String sensor, long seq, long epoch, double accZ) {
        SampleValues v = SampleValues.builder()
                .set(Output.ACC, 0, 0, accZ)
                .set(Output.GYRO, 0, 0, 0)
                .build();
        return new Reading(
                1,
                seq * 4,
                seq / 100.0,
                1_800_000_000_000_000_000L + seq,
                v,
                new Lineage("b", sensor, "boot-1", seq, epoch));
    }

    static List<Reading> readings(String sensor, long fromSeq, int n, long epoch, double accZ) {
        List<Reading> out = new ArrayList<>();
        for (long s = fromSeq; s < fromSeq + n; s++) {
            out.add(reading(sensor, s, epoch, accZ));
        }
        return out;
    }

    @Test
    void aFullHandoffDropsTheOldestCountedPerSensorWithoutBlockingTheDispatcher() throws Exception {
        CountDownLatch inPublish = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<VerdictEvent> events = new CopyOnWriteArrayList<>();
        VerdictPublisher blocking = (event, urgent) -> {
            events.add(event);
            inPublish.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ScoringStage stage = new ScoringStage(config(16, true, "a", "b"), blocking, VerdictIndicator.NONE);
        ReadingStage tap = stage.tap();
        stage.start();
        // Exactly one window of "a", fed no faster than the scorer takes it (the hand-off holds 16); the scorer
        // then blocks publishing the window's event.
        List<Reading> first = readings("a", 0, 200, 1, -1.0);
        for (int i = 0; i < first.size(); i += 10) {
            tap.write(first.subList(i, i + 10));
            while (stage.queued() > 0) {
                Thread.sleep(1);
            }
        }
        assertTrue(inPublish.await(20, TimeUnit.SECONDS), "the first window was published");
        assertEquals(0, stage.droppedInHandoff());

        // The scorer is stuck: the dispatcher must still get rid of 1,000 readings at once.
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    tap.write(readings("a", 200, 600, 1, -1.0));
                    tap.write(readings("b", 0, 400, 1, -1.0));
                },
                "the tap never blocks on a stuck scorer");
        assertEquals(1000 - 16, stage.droppedInHandoff());
        long droppedA = stage.status("a").orElseThrow().droppedInHandoff();
        long droppedB = stage.status("b").orElseThrow().droppedInHandoff();
        assertEquals(600, droppedA, "the 600 of a were all evicted by b's");
        assertEquals(400 - 16, droppedB, "b keeps its newest 16");

        release.countDown();
        tap.close();
        assertTrue(stage.awaitStop(20_000));
        VerdictStatus b = stage.status("b").orElseThrow();
        assertEquals(16, b.readingsScored(), "b's surviving readings were scored");
        assertEquals(200, stage.status("a").orElseThrow().readingsScored());
        assertEquals(1, stage.status("a").orElseThrow().windowsScored());
        assertEquals(1, events.size(), "no second window: 16 readings do not fill one");
    }

    @Test
    void aLostStretchOrAReconnectIsAGapNotPartOfAWindow() throws Exception {
        List<VerdictEvent> events = new CopyOnWriteArrayList<>();
        ScoringStage stage =
                new ScoringStage(config(100_000, true, "a"), (e, urgent) -> events.add(e), VerdictIndicator.NONE);
        ReadingStage tap = stage.tap();
        stage.start();
        tap.write(readings("a", 0, 150, 1, -1.0));
        tap.write(readings("a", 150, 250, 2, -1.0)); // reconnect: epoch 2 from seq 150
        tap.write(readings("a", 410, 200, 2, -1.0)); // seq 400..409 lost
        tap.close();
        assertTrue(stage.awaitStop(20_000));
        VerdictStatus s = stage.status("a").orElseThrow();
        assertEquals(2, s.gaps());
        assertEquals(2, s.windowsScored(), "150..349 and 410..609; the partial windows are not judged");
        assertEquals(
                List.of(150L, 410L), events.stream().map(VerdictEvent::firstSeq).toList());
        assertEquals(
                List.of(349L, 609L), events.stream().map(VerdictEvent::lastSeq).toList());
        assertTrue(events.stream().allMatch(e -> e.linkEpoch() == 2));
    }

    @Test
    void verdictChangesAreUrgentEventsAndDriveTheIndicator() throws Exception {
        List<VerdictEvent> events = new CopyOnWriteArrayList<>();
        List<Boolean> urgent = new CopyOnWriteArrayList<>();
        List<Boolean> shown = new CopyOnWriteArrayList<>();
        VerdictIndicator recorder = new VerdictIndicator() {
            @Override
            public void show(boolean anyFailure) {
                shown.add(anyFailure);
            }

            @Override
            public void close() {
                shown.add(null);
            }
        };
        ScoringStage stage = new ScoringStage(
                config(100_000, false, "a", "b"),
                (e, u) -> {
                    events.add(e);
                    urgent.add(u);
                },
                recorder);
        ReadingStage tap = stage.tap();
        stage.start();
        // A z-acceleration of -3 g is nothing the healthy arm ever did: every window exceeds; 3 to enter FAILURE.
        tap.write(readings("a", 0, 800, 1, -3.0));
        tap.write(readings("b", 0, 800, 1, -3.0));
        tap.close();
        assertTrue(stage.awaitStop(20_000));
        assertEquals(2, events.size(), "one change per sensor, window summaries off");
        for (VerdictEvent e : events) {
            assertEquals(VerdictEvent.TYPE_VERDICT, e.type());
            assertEquals("FAILURE", e.verdict());
            assertEquals("OK", e.previousVerdict());
            assertEquals(VerdictEvent.SOURCE_BRIDGE, e.source());
            assertEquals(2, e.window(), "the third exceeding window (hysteresis 3:2)");
            assertEquals(400, e.firstSeq());
            assertEquals(599, e.lastSeq());
            assertTrue(e.rms() > e.threshold());
            assertEquals("sim_ok_ae.zip", e.model());
        }
        assertTrue(urgent.stream().allMatch(u -> u));
        // Off at start, on with the first sensor's FAILURE (the second changes nothing), released on stop.
        assertEquals(java.util.Arrays.asList(false, true, null), shown);
        assertTrue(stage.anyFailure());
        assertEquals(Verdict.FAILURE, stage.status("b").orElseThrow().verdict());
        assertEquals(1, stage.status("b").orElseThrow().verdictChanges());
        assertFalse(Double.isNaN(stage.status("b").orElseThrow().lastRms()));
    }
}
