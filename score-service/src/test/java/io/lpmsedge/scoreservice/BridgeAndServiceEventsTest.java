package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.VerdictIndicator;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.record.verdict.VerdictEventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The promise of docs/scoring.md#verdict-events: the bridge on the Pi and the cluster score-service, scoring the
 * same readings with the same model, publish the same event for the same window: the same keys in the same order
 * with the same values, but for {@code source} (who judged) and the bridge's own {@code window} index.
 */
class BridgeAndServiceEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENSOR = 0;
    private static final long RECV_NS_0 = 1_795_435_285_000_000_000L;

    @Test
    void theBridgeAndTheScoreServiceWriteTheSameEventForTheSameWindow() throws Exception {
        double[][] rows = Streams.sensorRows(SENSOR);
        String name = Streams.name(SENSOR);
        VerdictEventJson json = new VerdictEventJson();

        // The bridge's scorer, configured as an operator would, every window published (window_events).
        BridgeConfig bridge =
                new ConfigLoader(Map.of()).parse("""
                [bridge]
                name = "line-3"
                [[sensor]]
                name = "%s"
                link = "tcp://127.0.0.1:1"
                outputs = ["acc", "gyro"]
                rate_hz = 100
                [scoring]
                model = "%s"
                window_events = true
                """.formatted(name, Streams.MODEL.toAbsolutePath()), "bridge.toml");
        List<VerdictEvent> fromBridge = new CopyOnWriteArrayList<>();
        ScoringStage stage =
                new ScoringStage(bridge.scoring(), (e, urgent) -> fromBridge.add(e), VerdictIndicator.NONE);
        stage.start();
        List<Reading> readings = new ArrayList<>();
        for (int seq = 0; seq < rows.length; seq++) {
            double[] r = rows[seq];
            SampleValues v = SampleValues.builder()
                    .set(Output.ACC, r[0], r[1], r[2])
                    .set(Output.GYRO, r[3], r[4], r[5])
                    .build();
            long ticks = 1000 + 4L * seq;
            readings.add(new Reading(SENSOR + 1, ticks, ticks * 0.0025, recvNs(seq), v, lineage(seq)));
        }
        stage.tap().write(readings);
        stage.tap().close();
        assertTrue(stage.awaitStop(60_000), "the bridge's scorer finished the readings");

        // The score-service's lane for the same sensor, every window emitted (--emit windows).
        List<VerdictEvent> fromService = new ArrayList<>();
        ModelSet set = Streams.single(Streams.config());
        SensorLane lane = new SensorLane(
                name, -1, Emit.WINDOWS, fromService::add, new ServiceCounters(), () -> set, new SensorLane.Events() {
                    @Override
                    public void modelChosen(String sensor, ScoringModel from, ScoringModel to, long firstSeq) {}

                    @Override
                    public void unmatched(String sensor) {}

                    @Override
                    public void missingOutputs(String sensor, ScoringModel model, String problem) {}
                });
        Sample sample = new Sample();
        for (int seq = 0; seq < rows.length; seq++) {
            Streams.sample(sample, SENSOR, seq, rows[seq])
                    .header(SENSOR + 1, 1000 + 4L * seq, (1000 + 4L * seq) * 0.0025, recvNs(seq));
            lane.accept(sample, lineage(seq), seq);
        }

        assertEquals(Streams.ROWS / 100, fromBridge.size(), "every window of the bridge");
        assertEquals(fromBridge.size(), fromService.size(), "the same windows on both sides");
        assertTrue(
                fromBridge.stream().filter(VerdictEvent::changed).count() >= 2,
                "the fault makes the verdict change (both types of event are compared)");
        for (int i = 0; i < fromBridge.size(); i++) {
            Map<String, Object> b = keysAndValues(json.encode(fromBridge.get(i)));
            Map<String, Object> s = keysAndValues(json.encode(fromService.get(i)));
            assertEquals("bridge", b.remove("source"));
            assertEquals("score-service", s.remove("source"));
            assertEquals((long) i, ((Number) b.remove("window")).longValue(), "the bridge counts its windows");
            assertFalse(s.containsKey("window"), "the score-service counts none");
            assertEquals(new ArrayList<>(b.keySet()), new ArrayList<>(s.keySet()), "the same keys in the same order");
            assertEquals(b, s, "window " + i);
        }
    }

    private static long recvNs(long seq) {
        return RECV_NS_0 + seq * 10_000_000L;
    }

    private static Lineage lineage(long seq) {
        return new Lineage("line-3", Streams.name(SENSOR), "boot-" + SENSOR, seq, 1);
    }

    private static Map<String, Object> keysAndValues(byte[] event) throws Exception {
        return JSON.readValue(event, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
