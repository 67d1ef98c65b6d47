package io.lpmsedge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The fleet service over real HTTP on loopback, as a dashboard or a script would read it. */
final class FleetApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    FleetApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    JsonNode fleet() throws Exception {
        return JSON.readTree(get("/api/fleet"));
    }

    /** The bridge's object in /api/fleet, or a missing node. */
    static JsonNode bridge(JsonNode fleet, String name) {
        for (JsonNode b : fleet.path("bridges")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Polls /api/fleet until {@code condition} holds, failing with the last answer after {@code timeout}. */
    JsonNode await(Predicate<JsonNode> condition, Duration timeout, String what) throws Exception {
        return Await.until(
                () -> {
                    try {
                        return fleet();
                    } catch (Exception e) {
                        throw new IllegalStateException("GET /api/fleet failed: " + e, e);
                    }
                },
                condition,
                timeout,
                Duration.ofMillis(100),
                what + " at /api/fleet");
    }
}
