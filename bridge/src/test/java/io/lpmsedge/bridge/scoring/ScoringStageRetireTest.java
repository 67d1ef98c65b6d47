package io.lpmsedge.bridge.scoring;

import static io.lpmsedge.bridge.scoring.ScoringStageTest.config;
import static io.lpmsedge.bridge.scoring.ScoringStageTest.readings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.pipeline.ReadingStage;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.testsupport.Await;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A sensor a reload removes leaves the scorer only after its last readings were scored, takes its FAILURE off the
 * verdict output (the stack light shows the sensors still configured), and carries its window count on if a later
 * reload adds it back.
 */
class ScoringStageRetireTest {
    private final List<VerdictEvent> events = new CopyOnWriteArrayList<>();
    private final List<Boolean> shown = new CopyOnWriteArrayList<>();
    private final VerdictIndicator recorder = new VerdictIndicator() {
        @Override
        public void show(boolean anyFailure) {
            shown.add(anyFailure);
        }

        @Override
        public void close() {
            shown.add(null);
        }
    };

    private List<Long> windowsOf(String sensor) {
        return events.stream()
                .filter(e -> e.sensor().equals(sensor))
                .map(VerdictEvent::window)
                .toList();
    }

    @Test
    void aRetiredSensorIsScoredToItsLastReadingThenLeavesAndTheOutputGoesOff() throws Exception {
        ScoringStage stage = new ScoringStage(config(100_000, true, "a", "b"), (e, u) -> events.add(e), recorder);
        ReadingStage tap = stage.tap();
        // Queued before the scorer runs: the retirement must wait for all 800 readings (4 windows, FAILURE from 2).
        tap.write(readings("a", 0, 800, 1, -3.0));
        tap.write(readings("b", 0, 100, 1, -3.0));
        stage.retire("a").run(); // what the bridge runs once the dispatcher has passed a's last reading
        stage.start();
        Await.until(() -> stage.status("a").isEmpty(), Duration.ofSeconds(20), "a retired");
        assertEquals(List.of(0L, 1L, 2L, 3L), windowsOf("a"), "every window of its readings judged before it left");
        assertEquals("FAILURE", events.get(3).verdict());
        Await.until(() -> !stage.anyFailure(), Duration.ofSeconds(5), "the output judged without a");
        assertTrue(stage.status("b").isPresent(), "b stays");

        // Added back by a later reload: a new state, but its windows go on counting from 4.
        stage.addSensor("a");
        stage.install(config(100_000, true, "a", "b"), java.util.Set.of(), java.time.Instant.now());
        tap.write(readings("a", 800, 200, 2, -3.0));
        // A retirement cancelled by adding the sensor back before it finished leaves it in place.
        Runnable retireB = stage.retire("b");
        stage.addSensor("b");
        retireB.run();
        tap.close();
        assertTrue(stage.awaitStop(20_000));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), windowsOf("a"), "window indices continue across its removal");
        assertTrue(stage.status("b").isPresent(), "b's cancelled retirement left it in place");
        // off at start, on with a's FAILURE, off once a left (b never failed), released on stop
        assertEquals(Arrays.asList(false, true, false, null), shown);
    }
}
