package io.lpmsedge.bridge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.SampleValues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingHandoffTest {
    static Reading reading(String sensor, long seq) {
        return new Reading(
                1,
                seq * 4,
                seq * 0.01,
                0,
                SampleValues.builder().set(Output.ACC, 0, 0, 1).build(),
                new Lineage("b", sensor, "boot", seq, 1));
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheEvictedSensor() throws InterruptedException {
        ReadingHandoff h = new ReadingHandoff(16, QueueFullPolicy.DROP_OLDEST);
        SensorCounters a = new SensorCounters();
        SensorCounters b = new SensorCounters();
        h.register("a", a);
        h.register("b", b);
        for (int i = 0; i < 16; i++) {
            h.offer(reading("a", i));
        }
        for (int i = 0; i < 4; i++) {
            h.offer(reading("b", i));
        }
        assertEquals(4, h.dropped());
        assertEquals(4, a.droppedQueueFull());
        assertEquals(0, b.droppedQueueFull());
        List<Reading> out = new ArrayList<>();
        h.drainTo(out, 100, 0);
        assertEquals(16, out.size());
        assertEquals(4, out.get(0).lineage().seq());
        assertEquals("b", out.get(15).lineage().sensorName());
    }

    @Test
    void dropNewestKeepsTheQueuedAndCountsTheRefused() throws InterruptedException {
        ReadingHandoff h = new ReadingHandoff(16, QueueFullPolicy.DROP_NEWEST);
        SensorCounters a = new SensorCounters();
        h.register("a", a);
        for (int i = 0; i < 20; i++) {
            h.offer(reading("a", i));
        }
        assertEquals(4, a.droppedQueueFull());
        List<Reading> out = new ArrayList<>();
        assertEquals(16, h.drainTo(out, 100, 0));
        assertEquals(15, out.get(15).lineage().seq());
    }

    @Test
    void drainWaitsForTheFirstReadingOnly() throws InterruptedException {
        ReadingHandoff h = new ReadingHandoff(16, QueueFullPolicy.DROP_OLDEST);
        List<Reading> out = new ArrayList<>();
        assertEquals(0, h.drainTo(out, 10, 1));
        h.offer(reading("a", 0));
        h.offer(reading("a", 1));
        assertEquals(2, h.drainTo(out, 10, 1000));
    }

    @Test
    void aPassingMarkRunsOnceEveryReadingQueuedBeforeItHasBeenProcessed() throws InterruptedException {
        ReadingHandoff h = new ReadingHandoff(16, QueueFullPolicy.DROP_OLDEST);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            h.offer(reading("a", i));
        }
        h.whenPassed(() -> log.add("mark"));
        h.offer(reading("b", 0));
        h.runPassed();
        assertEquals(List.of(), log, "nothing processed yet");
        List<Reading> out = new ArrayList<>();
        assertEquals(4, h.drainTo(out, 4, 0));
        h.runPassed();
        assertEquals(List.of(), log, "6 of a's readings still queued");
        // Drop-oldest evicts a's oldest queued readings: they left the queue too.
        for (int i = 1; i < 12; i++) {
            h.offer(reading("b", i));
        }
        assertEquals(2, h.dropped());
        h.runPassed();
        assertEquals(List.of(), log, "a6..a9 still queued");
        out.clear();
        assertEquals(4, h.drainTo(out, 4, 0));
        assertEquals(9, out.get(3).lineage().seq(), "a's last reading");
        h.runPassed();
        assertEquals(List.of("mark"), log, "runs after the last reading queued before it");
        h.runPassed();
        assertEquals(List.of("mark"), log, "once");
    }
}
