package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several models in one service on the real embedded broker, and reloading them while readings stream: every
 * window of every sensor judged exactly once, by the old model until the sensor's swap and by the new one after;
 * a model that does not load is refused and the one before keeps scoring.
 */
class ModelSetServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final double CALIBRATED = 0.01017897387631225;
    /** A threshold every window exceeds: the new model's verdicts cannot be mistaken for the old one's. */
    private static final double TINY = 1e-9;

    private final TestKafka kafka = new TestKafka();
    private final double[][] normal = Streams.normal();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        kafka.close();
    }

    private byte[] reading(String name, int sensor, long seq) {
        return Streams.json(name, sensor, seq, normal[(int) (seq % normal.length)])
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachSensorIsScoredByItsMachinesModelAndOneNoModelMatchesIsCountedOnly() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", CALIBRATED);
        f.model("spindle", TINY);
        ModelSet set = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                name = "arm"
                path = "arm.zip"
                sensors = ["arm-*"]
                [[model]]
                name = "spindle"
                path = "spindle.zip"
                sensors = ["spindle-3"]
                """))).load();
        String in = TestKafka.STACK.newTopic("readings", 2);
        String out = TestKafka.STACK.newTopic("verdicts", 1);
        String group = "g-" + UUID.randomUUID();
        List<String> names = List.of("arm-0", "arm-1", "spindle-3", "conveyor-1");
        for (int seq = 0; seq < 1000; seq++) {
            for (int s = 0; s < names.size(); s++) {
                kafka.send(in, names.get(s), reading(names.get(s), s, seq));
            }
        }
        kafka.flush();
        try (Instance i = new Instance(TestKafka.settings(in, out, group, Emit.WINDOWS), set, "models")) {
            kafka.awaitAllCommitted(group, in, WAIT);
            ServiceCounters c = i.counters();
            assertEquals(3000, c.readings.get() - c.unmatched.get(), "three sensors scored");
            assertEquals(1000, c.unmatched.get(), "conveyor-1 matches no model");
            assertEquals(Map.of("arm", 20L, "spindle", 10L), c.windowsByModel());
            assertEquals(Map.of("arm-0", "arm", "arm-1", "arm", "spindle-3", "spindle"), Map.copyOf(c.sensorModels));
        }
        Map<String, List<JsonNode>> bySensor = kafka.readAll(out).stream()
                .collect(Collectors.groupingBy(e -> e.get("sensor").asText(), TreeMap::new, Collectors.toList()));
        assertEquals(List.of("arm-0", "arm-1", "spindle-3"), List.copyOf(bySensor.keySet()));
        for (JsonNode e : bySensor.get("arm-0")) {
            assertEquals("arm", e.get("model").asText());
            assertEquals(CALIBRATED, e.get("threshold").asDouble());
            assertEquals("OK", e.get("verdict").asText(), "normal running under the calibrated threshold");
        }
        List<JsonNode> spindle = bySensor.get("spindle-3");
        assertEquals(10, spindle.size());
        assertTrue(spindle.stream()
                .allMatch(e -> e.get("model").asText().equals("spindle")
                        && e.get("threshold").asDouble() == TINY
                        && e.get("exceeds").asBoolean()));
        assertEquals("FAILURE", spindle.get(9).get("verdict").asText());
    }

    /** Readings of {@code sensors} sensors, paced like a busy plant, until stopped at a window end. */
    private final class Plant extends Thread {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong seqs = new AtomicLong();
        private final String topic;
        private final int sensors;

        Plant(String topic, int sensors) {
            super("plant");
            this.topic = topic;
            this.sensors = sensors;
        }

        @Override
        public void run() {
            try {
                long seq = 0;
                while (!stop.get() || seq % 100 != 0) {
                    for (int s = 0; s < sensors; s++) {
                        kafka.send(topic, Streams.name(s), reading(Streams.name(s), s, seq));
                    }
                    seq++;
                    seqs.set(seq);
                    if (seq % 50 == 0) {
                        kafka.flush();
                        Thread.sleep(20); // ~2,500 readings/s per sensor at most; the machine is shared
                    }
                }
                kafka.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aReloadUnderLoadSwapsEverySensorAtAWindowBoundaryAndABrokenModelIsRefused() throws Exception {
        int sensors = 8;
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", CALIBRATED);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                name = "arm"
                path = "arm.zip"
                sensors = ["arm-*"]
                """)));
        ModelSet set = loader.load();
        String in = TestKafka.STACK.newTopic("readings", 2);
        String out = TestKafka.STACK.newTopic("verdicts", 2);
        String group = "g-" + UUID.randomUUID();
        Plant plant = new Plant(in, sensors);
        long total;
        ServiceCounters c;
        try (Instance i = new Instance(TestKafka.settings(in, out, group, Emit.WINDOWS), set, "reload");
                ModelReloader reloader = new ModelReloader(loader, set, i.service::offer, i.counters())
                        .watchEvery(Duration.ofMillis(100))) {
            c = i.counters();
            plant.start();
            Await.until(() -> c.windows.get() >= sensors * 10L, WAIT, "windows under the first model");
            f.manifest("arm.manifest.json", TINY); // the operator drops in a recalibrated manifest
            Await.until(() -> c.swaps.get() == sensors, WAIT, "every sensor to move to the new manifest");
            assertEquals(1, c.reloads.get());
            long afterSwap = c.windows.get();
            Await.until(() -> c.windows.get() >= afterSwap + sensors * 5L, WAIT, "windows under the new model");
            f.write("arm.zip", "not a model"); // a broken copy
            Await.until(() -> c.reloadsRefused.get() == 1, WAIT, "the broken model to be refused");
            long afterRefusal = c.windows.get();
            Await.until(() -> c.windows.get() >= afterRefusal + sensors * 5L, WAIT, "scoring to go on");
            plant.stop.set(true);
            plant.join(WAIT.toMillis());
            total = plant.seqs.get();
            kafka.awaitAllCommitted(group, in, WAIT);
            assertEquals(1, c.reloads.get(), "the refused reload installed nothing");
            assertEquals(sensors, c.swaps.get());
        }
        assertEquals(sensors * total, c.readings.get(), "every reading scored once");
        assertEquals(0, c.duplicates.get() + c.unmatched.get() + c.unalignedSkipped.get());
        List<JsonNode> events = kafka.readAll(out);
        for (int s = 0; s < sensors; s++) {
            String name = Streams.name(s);
            List<JsonNode> mine = new ArrayList<>(events.stream()
                    .filter(e -> e.get("sensor").asText().equals(name))
                    .toList());
            mine.sort((a, b) ->
                    Long.compare(a.get("lastSeq").asLong(), b.get("lastSeq").asLong()));
            assertEquals(
                    LongStream.iterate(99, x -> x < total, x -> x + 100).boxed().toList(),
                    mine.stream().map(e -> e.get("lastSeq").asLong()).toList(),
                    name + ": every window once");
            int swap = 0;
            while (swap < mine.size() && mine.get(swap).get("threshold").asDouble() == CALIBRATED) {
                swap++;
            }
            assertTrue(swap >= 10, name + " judged by the first model first: " + swap);
            for (int w = 0; w < mine.size(); w++) {
                JsonNode e = mine.get(w);
                String v = e.get("previousVerdict").asText() + "->"
                        + e.get("verdict").asText();
                if (w < swap) {
                    assertEquals("OK->OK", v, name + " window " + w + " (old model): " + e);
                } else {
                    assertEquals(TINY, e.get("threshold").asDouble(), name + " window " + w + ": one swap only");
                    assertTrue(e.get("exceeds").asBoolean());
                    // The verdict is carried (OK); hysteresis 2:2 enters FAILURE on the new model's 2nd window.
                    assertEquals(
                            w == swap ? "OK->OK" : w == swap + 1 ? "OK->FAILURE" : "FAILURE->FAILURE",
                            v,
                            name + " window " + w + " (new model): " + e);
                }
                assertEquals("arm", e.get("model").asText());
            }
            assertTrue(mine.size() - swap >= 10, name + ": the new model kept scoring after the refused reload");
        }
    }
}
