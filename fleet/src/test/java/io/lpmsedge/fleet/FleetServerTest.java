package io.lpmsedge.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.fleet.http.FleetServer;
import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import io.lpmsedge.testsupport.DocumentedMetrics;
import io.lpmsedge.testsupport.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's HTTP surface on loopback, over a state fed by hand (no broker needed). */
class FleetServerTest {
    @Test
    void pageApiAndMetricsAgreeAndThePageNeedsNothingFromTheInternet() throws Exception {
        ManualClock clock = new ManualClock(1_795_000_000_000L);
        FleetState state = new FleetState(clock);
        state.status(
                new StatusEventJson()
                        .encode(new StatusEvent(
                                "press-3",
                                "boot-a",
                                "0.1.0",
                                0,
                                clock.millis(),
                                1000,
                                10_000,
                                "start",
                                List.of(new StatusEvent.Sensor(
                                        "arm-1", "STREAMING", 100, 10, 100, 0, "FAILURE", "arm_ae.zip")),
                                new StatusEvent.Spool(4 << 20, 8 << 20, 1200, 9000),
                                List.of())),
                clock.millis(),
                "status/0@0");
        state.status("junk".getBytes(), clock.millis(), "status/0@1");
        clock.advance(31_000);
        try (FleetServer server = FleetServer.start(new InetSocketAddress("127.0.0.1", 0), state)) {
            FleetApi api = new FleetApi(server.port());
            String page = api.get("/");
            assertTrue(page.contains("<title>lpms-edge fleet</title>"));
            assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external scripts, styles or fonts");
            assertFalse(page.contains("@import"), "no external styles");

            JsonNode b = FleetApi.bridge(api.fleet(), "press-3");
            assertEquals("OFFLINE", b.path("state").asText());
            assertEquals("silent", b.path("offlineReason").asText());
            assertEquals(31_000, b.path("lastSeenAgeMs").asLong());
            assertEquals(1200, b.path("spool").path("records").asLong());
            assertEquals("NO DATA", b.path("machines").get(0).path("display").asText());
            assertEquals(
                    "FAILURE", b.path("machines").get(0).path("edgeVerdict").asText());

            String metrics = api.get("/metrics");
            assertTrue(metrics.contains("lpms_edge_fleet_bridge_up{bridge=\"press-3\"} 0.0"), metrics);
            assertTrue(
                    metrics.contains("lpms_edge_fleet_bridge_last_seen_age_seconds{bridge=\"press-3\"} 31.0"), metrics);
            assertTrue(
                    metrics.contains("lpms_edge_fleet_machine_failure{bridge=\"press-3\",machine=\"arm-1\"} NaN"),
                    metrics);
            assertTrue(metrics.contains("lpms_edge_fleet_bridge_spool_records{bridge=\"press-3\"} 1200.0"), metrics);
            assertTrue(
                    metrics.contains("lpms_edge_fleet_bad_records_total{kind=\"not-json\",topic=\"status\"} 1.0"),
                    metrics);
            // docs/fleet.md's table is what alert rules are written from: it must name exactly what is exported
            DocumentedMetrics.assertDocumented(
                    metrics, Path.of("..", "docs", "fleet.md"), "### `/metrics`", "lpms_edge_fleet_");

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(
                    405,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/fleet"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            HttpResponse<String> missing = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().contains("try /, /api/fleet, /metrics or /health"), missing.body());
        }
    }
}
