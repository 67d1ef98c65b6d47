package io.lpmsedge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, shortened, with its mid-run proxy outage: every reading the bridge received reaches the broker. */
class DemoRunTest {
    @TempDir
    Path dir;

    @Test
    void shortDemoWithAnOutageLosesNothing() throws Exception {
        StringWriter text = new StringWriter();
        DemoSummary summary = new DemoRun(
                        new DemoOptions(Duration.ofSeconds(20), 2, 7, 0, dir, false, Duration.ofSeconds(4)),
                        new PrintWriter(text, true))
                .run();
        String out = text.toString();
        assertTrue(out.contains("REST proxy down for 4 s") && out.contains("REST proxy back"), out);
        assertTrue(out.contains("fleet page:  http://127.0.0.1:"), out);
        assertTrue(out.contains("the fleet page shows: demo-bridge ONLINE: machine-01 "), out);
        assertTrue(summary.received() > 2 * 100 * 15, "both sensors streamed most of 20 s: " + summary);
        assertEquals(summary.produced(), summary.received(), "the bridge received every frame the sensors sent");
        assertEquals(summary.received(), summary.delivered(), out);
        assertEquals(0, summary.lost(), out);
        assertTrue(out.contains("lost must be 0: it is"), out);
        // bearing (sensor 1) and backlash (sensor 2) at severity 0.8 are caught on the Pi, within a few windows of
        // onset and without false alarms; the cluster score-service, same model, reaches the same verdicts
        for (VerdictTimeline t : summary.edge()) {
            assertTrue(t.detected() && t.delay() < 6, t.sensor() + ": " + t);
            assertEquals(0, t.falseAlarms(), t.toString());
        }
        assertEquals(
                summary.edge().stream().map(VerdictTimeline::changes).toList(),
                summary.cluster().stream().map(VerdictTimeline::changes).toList(),
                out);
        assertTrue(out.contains("2 of 2 faults detected; 0 false FAILURE verdicts"), out);
        assertTrue(
                Files.exists(dir.resolve("bridge.toml")) && Files.exists(dir.resolve("truth.jsonl")),
                "a given --dir is kept");
    }
}
