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
}
