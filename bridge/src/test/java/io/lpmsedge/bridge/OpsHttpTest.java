package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.Delivery;
import io.lpmsedge.bridge.http.OpsServer;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations server over real loopback HTTP, in front of a bridge reading simulated sensors into a spool. */
class OpsHttpTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_:]+)(\\{[^}]*})? (\\S+)$");

    @TempDir
    Path dir;

    private SimulatedSensors sim;
    private Bridge bridge;
    private OpsServer server;
    private final OkHttpClient http =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        sim = SimulatedSensors.tcp(2, SensorMode.STREAM, LinkFaultConfig.NONE, 2, Double.POSITIVE_INFINITY);
        BridgeConfig config = BridgeAgainstSimulatorTest.config(
                """
                [[sensor]]
                name = "arm-1"
                link = "%s"
                [[sensor]]
                name = "arm-2"
                link = "%s"
                """.formatted(sim.link(0), sim.link(1)), """
                [spool]
                dir = "%s"
                fsync_interval_ms = 20
                [http]
                enabled = true
                listen = "127.0.0.1:0"
                [[sink]]
                name = "file"
                type = "jsonl"
                path = "%s"
                """.formatted(dir.resolve("spool"), dir.resolve("out.jsonl")));
        assertTrue(config.http().enabled());
        Delivery delivery = Delivery.open(config.delivery(), BridgeSinks.kinds(), Clock.systemUTC());
        bridge = new Bridge(config, new SensorLinks(config.link(), null), delivery, List.of(), Clock.systemUTC());
        bridge.start();
        server = OpsServer.start(new InetSocketAddress("127.0.0.1", 0), StatusReporter.of(bridge, s -> null), "test");
        BridgeAgainstSimulatorTest.await(
                () -> bridge.sessions().stream().allMatch(s -> s.counters().readings() > 200),
                "both sensors streaming");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        bridge.stop(Duration.ofSeconds(5));
        sim.close();
    }

    @Test
    void metricsAgreeWithTheBridgeCountersAndFollowPrometheusConventions() throws Exception {
        String text = get("/metrics", 200);
        Map<String, Double> samples = parse(text);
        long arm1Readings = bridge.sessions().get(0).counters().readings();
        double scraped = samples.get("lpms_edge_sensor_readings_total{sensor=\"arm-1\"}");
        // the scrape happened just before we read the counter: never more, and not far behind (2 × 100 Hz)
        assertTrue(scraped <= arm1Readings && scraped > 200, "scraped " + scraped + " vs counter " + arm1Readings);
        assertEquals(1.0, samples.get("lpms_edge_sensor_up{sensor=\"arm-2\"}"));
        assertEquals(1.0, samples.get("lpms_edge_sensor_link_state{sensor=\"arm-1\",state=\"streaming\"}"));
        assertEquals(0.0, samples.get("lpms_edge_sensor_link_state{sensor=\"arm-1\",state=\"backoff\"}"));
        assertTrue(
                samples.get("lpms_edge_sensor_frames_total{result=\"good\",sensor=\"arm-1\"}") > 200,
                "good frames counted: " + text);
        assertTrue(samples.containsKey("lpms_edge_sensor_frames_total{result=\"lrc_mismatch\",sensor=\"arm-1\"}"));
        assertTrue(samples.containsKey("lpms_edge_spool_size_bytes"));
        assertTrue(samples.get("lpms_edge_spool_written_bytes_total") > 0);
        assertTrue(
                samples.containsKey("lpms_edge_bridge_info{boot_id=\"" + bridge.bootId()
                        + "\",bridge=\"test-bridge\",version=\"test\"}"),
                text);
        assertTrue(text.contains("# TYPE lpms_edge_sink_request_duration_seconds histogram"), text);
        assertTrue(samples.get("lpms_edge_sink_request_duration_seconds_count{sink=\"file\"}") > 0);
        assertEquals(
                samples.get("lpms_edge_sink_request_duration_seconds_count{sink=\"file\"}"),
                samples.get("lpms_edge_sink_request_duration_seconds_bucket{le=\"+Inf\",sink=\"file\"}"));
        // every name carries the prefix; counters end in _total; no name ends in a non-base unit
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertTrue(parts[2].startsWith("lpms_edge_"), line);
                assertFalse(parts[2].matches(".*_(ms|millis|milliseconds|kb|mb)$"), line);
            }
        }
        BridgeAgainstSimulatorTest.await(() -> rate("arm-1") > 150, "a readings/s figure near 200 Hz");
    }

    @Test
    void healthAndReadinessSayWhyWhenASensorIsLost() throws Exception {
        assertEquals("ok", json.readTree(get("/health", 200)).get("status").asText());
        BridgeAgainstSimulatorTest.await(() -> code("/ready") == 200, "ready while both sensors stream");
        sim.fleet.runners().get(1).stop();
        BridgeAgainstSimulatorTest.await(
                () -> bridge.sessions().get(1).counters().state() != LinkState.STREAMING, "arm-2 lost");
        JsonNode ready = json.readTree(get("/ready", 503));
        assertEquals("fail", ready.get("status").asText());
        assertTrue(ready.get("problems").get(0).asText().startsWith("sensor arm-2 is "), ready.toString());
        // losing a sensor is not a reason to restart the process
        assertEquals(200, code("/health"));
    }

    @Test
    void statusApiAndPageAndErrors() throws Exception {
        JsonNode st = json.readTree(get("/api/status", 200));
        assertEquals("test-bridge", st.get("bridge").asText());
        assertEquals(2, st.get("sensors").size());
        assertEquals("arm-1", st.get("sensors").get(0).get("name").asText());
        assertEquals("STREAMING", st.get("sensors").get(0).get("state").asText());
        assertEquals(sim.link(0), st.get("sensors").get(0).get("link").asText());
        assertTrue(st.get("spool").get("bytes").asLong() > 0);
        assertEquals(0, st.get("spool").get("missingRecords").asLong());
        assertTrue(st.get("spool").get("checking").isBoolean());
        JsonNode deadLetters = st.get("spool").get("deadLetters");
        assertEquals(1, deadLetters.size(), "one sink, one dead-letter file: " + deadLetters);
        assertEquals("file", deadLetters.get(0).get("sink").asText());
        assertFalse(deadLetters.get(0).get("full").asBoolean());
        assertEquals("file", st.get("sinks").get(0).get("name").asText());
        String page = get("/", 200);
        assertTrue(page.contains("fetch(\"api/status\""), "the page polls the status API");
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads nothing from the network");
        assertEquals(404, code("/nope"));
        try (Response r = http.newCall(new Request.Builder()
                        .url(url("/metrics"))
                        .post(RequestBody.create(new byte[0]))
                        .build())
                .execute()) {
            assertEquals(405, r.code());
            assertEquals("GET, HEAD", r.header("Allow"));
        }
    }

    private double rate(String sensor) {
        try {
            return json.readTree(get("/api/status", 200))
                    .get("sensors")
                    .get(sensor.equals("arm-1") ? 0 : 1)
                    .get("rate")
                    .asDouble();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private String get(String path, int expectStatus) throws IOException {
        try (Response r =
                http.newCall(new Request.Builder().url(url(path)).build()).execute()) {
            String body = r.body().string();
            assertEquals(expectStatus, r.code(), path + ": " + body);
            return body;
        }
    }

    private int code(String path) {
        try (Response r =
                http.newCall(new Request.Builder().url(url(path)).build()).execute()) {
            return r.code();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Labels sorted by name, so that keys do not depend on the order the writer prints them in. */
    private static String canonicalLabels(String labels) {
        if (labels == null) {
            return "";
        }
        String[] pairs = labels.substring(1, labels.length() - 1).split(",(?=[a-z_]+=\")");
        java.util.Arrays.sort(pairs);
        return "{" + String.join(",", pairs) + "}";
    }

    /** Sample lines of the text format: name{labels} → value, labels sorted by name. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a valid sample line: " + line);
            out.put(m.group(1) + canonicalLabels(m.group(2)), Double.parseDouble(m.group(3)));
        }
        return out;
    }
}
