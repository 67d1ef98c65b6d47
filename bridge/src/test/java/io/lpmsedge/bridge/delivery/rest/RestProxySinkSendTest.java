package io.lpmsedge.bridge.delivery.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.delivery.SendResult;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RestProxySink#send} → {@link SendResult}, one call at a time, against a scripted far side: what the sink
 * concludes from answers (and from its probes) before the sender's policy acts on it.
 */
class RestProxySinkSendTest {
    static final String STRIMZI_NOT_FOUND = "{\"error_code\":404,\"message\":\"Not Found\"}";

    MockWebServer server;
    /** Answers by "METHOD path"; what is not listed gets Strimzi's 404. */
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();

    final List<String> seen = new ArrayList<>();
    RestProxySink sink;

    @BeforeEach
    void setUp() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String key = request.getMethod() + " " + request.getUrl().encodedPath();
                synchronized (seen) {
                    seen.add(key);
                }
                Function<RecordedRequest, MockResponse> f = routes.get(key);
                return f != null
                        ? f.apply(request)
                        : new MockResponse.Builder()
                                .code(404)
                                .setHeader("Content-Type", "application/json")
                                .body(STRIMZI_NOT_FOUND)
                                .build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void tearDown() {
        if (sink != null) {
            sink.close();
        }
        server.close();
    }

    static List<SpooledRecord> batch(int n) {
        List<SpooledRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SpooledRecord(
                    i,
                    new SpoolEntry(
                            "readings",
                            i % 2 == 0 ? "arm-1" : "arm-\"2\"",
                            ("{\"schema\":1,\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    RestProxySink sink(RestProxyConfig.Builder config, boolean jsonValues) throws IOException {
        sink = new RestProxySink("proxy", config.build(), jsonValues);
        return sink;
    }

    RestProxyConfig.Builder config() {
        return RestProxyConfig.builder(server.url("/").toString()).requestTimeout(Duration.ofSeconds(2));
    }

    static void assertAll(SendResult r, RecordStatus expected) {
        for (RecordStatus s : r.statuses()) {
            assertEquals(expected, s, r.reasons().toString());
        }
    }

    @Test
    void v3AgainstAV2OnlyProxySaysSoWithTheFix() throws Exception {
        routes.put("GET /topics/readings", r -> json(200, "{\"name\":\"readings\",\"partitions\":[]}"));
        SendResult r = sink(config(), true).send("readings", batch(3));
        assertAll(r, RecordStatus.REFUSED);
        String reason = r.reason(0);
        assertTrue(reason.contains("no v3 API") && reason.contains("api = \"v2\""), reason);
        assertTrue(
                reason.contains("GET /v3/clusters answered 404: 404: Not Found"), "the proxy's own words: " + reason);
        assertFalse(reason.contains("null"), reason);
    }

    @Test
    void v3WithAClusterIdAgainstAV2OnlyProxyIsNotAMissingTopic() throws Exception {
        routes.put("GET /topics/readings", r -> json(200, "{\"name\":\"readings\"}"));
        SendResult r = sink(config().clusterId("C1"), true).send("readings", batch(2));
        assertAll(r, RecordStatus.REFUSED);
        assertTrue(
                r.reason(0).contains("no v3 API")
                        && r.reason(0).contains("POST /v3/clusters/C1/topics/readings/records"),
                r.reason(0));
    }

    @Test
    void v3ToAConfluentProxyWithAMissingTopicIsStillAMissingTopic() throws Exception {
        routes.put("GET /v3/clusters", r -> json(200, "{\"data\":[{\"cluster_id\":\"C1\"}]}"));
        routes.put(
                "POST /v3/clusters/C1/topics/readings/records",
                r -> json(
                        404, "{\"error_code\":40403,\"message\":\"This server does not host this topic-partition.\"}"));
        SendResult r = sink(config(), true).send("readings", batch(2));
        assertAll(r, RecordStatus.TOPIC_MISSING);
        assertTrue(r.reason(0).contains("40403: This server does not host this topic-partition."), r.reason(0));
    }

    @Test
    void aWrongClusterIdIsNamedWithTheOnesTheProxyHas() throws Exception {
        routes.put("GET /v3/clusters", r -> json(200, "{\"data\":[{\"cluster_id\":\"lkc-real\"}]}"));
        routes.put(
                "POST /v3/clusters/lkc-typo/topics/readings/records",
                r -> json(404, "{\"error_code\":404," + "\"message\":\"HTTP 404 Not Found\"}"));
        routes.put("GET /topics/readings", r -> json(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
        SendResult r = sink(config().clusterId("lkc-typo"), true).send("readings", batch(1));
        assertAll(r, RecordStatus.REFUSED);
        assertTrue(r.reason(0).contains("cluster_id lkc-typo") && r.reason(0).contains("lkc-real"), r.reason(0));
    }

    @Test
    void neitherApiAtThisUrlSaysCheckTheUrl() throws Exception {
        SendResult r = sink(config(), true).send("readings", batch(1));
        assertAll(r, RecordStatus.REFUSED);
        assertTrue(r.reason(0).contains("check url"), r.reason(0));
    }

    @Test
    void strimziPerRecordCodesInAV2Answer() throws Exception {
        routes.put(
                "POST /topics/readings",
                r -> json(
                        200,
                        "{\"offsets\":[{\"partition\":0,\"offset\":7},"
                                + "{\"error_code\":500,\"message\":\"Invalid record: CorruptRecordException\"},"
                                + "{\"error_code\":500,\"message\":\"Expiring 1 record(s) for readings-0\"},"
                                + "{\"error_code\":404,\"message\":\"Topic readings not present in metadata after 60000 ms.\"},"
                                + "{\"error_code\":422,\"message\":\"Unprocessable\"}]}"));
        SendResult r = sink(config().api(RestProxyConfig.Api.V2), true).send("readings", batch(5));
        assertEquals(
                List.of(
                        RecordStatus.DELIVERED,
                        RecordStatus.REJECTED,
                        RecordStatus.RETRY,
                        RecordStatus.TOPIC_MISSING,
                        RecordStatus.REJECTED),
                r.statuses());
        assertEquals("500: Invalid record: CorruptRecordException", r.reason(1), "Strimzi's 'message', not null");
        assertEquals(SendResult.Scope.RECORD, r.scope());
    }

    @Test
    void confluentPerRecordCodesInAV2Answer() throws Exception {
        routes.put(
                "POST /topics/readings",
                r -> json(
                        200,
                        "{\"offsets\":[{\"partition\":0,\"offset\":7,"
                                + "\"error_code\":null,\"error\":null},"
                                + "{\"partition\":null,\"offset\":null,\"error_code\":50003,\"error\":\"Request timed out\"},"
                                + "{\"partition\":null,\"offset\":null,\"error_code\":42201,\"error\":\"Bad record\"},"
                                + "{\"partition\":null,\"offset\":null,\"error_code\":50002,\"error\":\"Kafka error: InvalidRecord\"}],"
                                + "\"key_schema_id\":null,\"value_schema_id\":null}"));
        SendResult r = sink(config().api(RestProxyConfig.Api.V2), true).send("readings", batch(4));
        assertEquals(
                List.of(RecordStatus.DELIVERED, RecordStatus.RETRY, RecordStatus.REJECTED, RecordStatus.REJECTED),
                r.statuses());
        assertEquals("50003: Request timed out", r.reason(1));
    }

    @Test
    void jsonRecordsGoAsTheV2JsonEmbeddedFormatByDefaultAndCborAsBinary() throws Exception {
        routes.put(
                "POST /topics/readings",
                r -> json(200, "{\"offsets\":[{\"partition\":0,\"offset\":1}," + "{\"partition\":0,\"offset\":2}]}"));
        assertAll(sink(config().api(RestProxyConfig.Api.V2), true).send("readings", batch(2)), RecordStatus.DELIVERED);
        RecordedRequest json = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("application/vnd.kafka.json.v2+json", json.getHeaders().get("Content-Type"));
        assertEquals(
                "{\"records\":[{\"key\":\"arm-1\",\"value\":{\"schema\":1,\"seq\":0}},"
                        + "{\"key\":\"arm-\\\"2\\\"\",\"value\":{\"schema\":1,\"seq\":1}}]}",
                json.getBody().utf8());
        sink.close();

        assertAll(sink(config().api(RestProxyConfig.Api.V2), false).send("readings", batch(2)), RecordStatus.DELIVERED);
        RecordedRequest binary = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("application/vnd.kafka.binary.v2+json", binary.getHeaders().get("Content-Type"));
        sink.close();

        assertAll(
                sink(config().api(RestProxyConfig.Api.V2).embedded(RestProxyConfig.Embedded.BINARY), true)
                        .send("readings", batch(2)),
                RecordStatus.DELIVERED);
        assertEquals(
                "application/vnd.kafka.binary.v2+json",
                server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Content-Type"),
                "binary when asked");
        sink.close();
        sink = null;
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RestProxySink(
                        "p",
                        config().api(RestProxyConfig.Api.V2)
                                .embedded(RestProxyConfig.Embedded.JSON)
                                .build(),
                        false));
        assertTrue(e.getMessage().contains("embedded_format = \"binary\""), e.getMessage());
    }

    @Test
    void repeatedTimeoutsOnAMissingTopicAreReportedAsAMissingTopic() throws Exception {
        // Strimzi waits 60 s for the metadata of a topic that does not exist; its topic GET answers at once.
        routes.put(
                "POST /topics/readings",
                r -> new MockResponse.Builder()
                        .headersDelay(5, TimeUnit.SECONDS)
                        .body("{}")
                        .build());
        routes.put(
                "GET /topics/readings",
                r -> json(
                        404,
                        "{\"error_code\":404,\"message\":\"This server does not " + "host this topic-partition.\"}"));
        RestProxySink s = sink(config().api(RestProxyConfig.Api.V2).requestTimeout(Duration.ofMillis(200)), true);
        for (int i = 1; i < RestProxySink.SLOW_TOPIC_TIMEOUTS; i++) {
            SendResult r = s.send("readings", batch(1));
            assertAll(r, RecordStatus.RETRY);
            assertTrue(r.reason(0).startsWith("timeout"), r.reason(0));
        }
        SendResult r = s.send("readings", batch(1));
        assertAll(r, RecordStatus.TOPIC_MISSING);
        assertTrue(r.reason(0).startsWith("missing topic") && r.reason(0).contains("does not host"), r.reason(0));
    }

    @Test
    void repeatedTimeoutsOnAnExistingTopicAreReportedAsASlowProxy() throws Exception {
        routes.put("GET /v3/clusters", r -> json(200, "{\"data\":[{\"cluster_id\":\"C1\"}]}"));
        routes.put(
                "POST /v3/clusters/C1/topics/readings/records",
                r -> new MockResponse.Builder()
                        .headersDelay(5, TimeUnit.SECONDS)
                        .body("{}")
                        .build());
        routes.put("GET /v3/clusters/C1/topics/readings", r -> json(200, "{\"topic_name\":\"readings\"}"));
        RestProxySink s = sink(config().requestTimeout(Duration.ofMillis(200)), true);
        SendResult r = null;
        for (int i = 0; i < RestProxySink.SLOW_TOPIC_TIMEOUTS; i++) {
            r = s.send("readings", batch(1));
        }
        assertAll(r, RecordStatus.RETRY);
        assertTrue(r.reason(0).startsWith("timeout: proxy slow") && r.reason(0).contains("topic exists"), r.reason(0));
        synchronized (seen) {
            assertTrue(seen.contains("GET /v3/clusters/C1/topics/readings"), seen.toString());
        }
    }

    @Test
    void nothingListeningIsAConnectionFailureNotARequestFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        sink = new RestProxySink(
                "p",
                RestProxyConfig.builder("http://127.0.0.1:" + port)
                        .api(RestProxyConfig.Api.V2)
                        .build(),
                true);
        SendResult r = sink.send("readings", batch(2));
        assertAll(r, RecordStatus.RETRY);
        assertEquals(SendResult.Scope.CONNECTION, r.scope());
        assertTrue(r.reason(0).startsWith("unreachable"), r.reason(0));
    }

    @Test
    void aRedirectIsShownNotFollowed() throws Exception {
        routes.put(
                "POST /topics/readings",
                r -> new MockResponse.Builder()
                        .code(301)
                        .setHeader("Location", "https://proxy.example/topics/readings")
                        .build());
        SendResult r = sink(config().api(RestProxyConfig.Api.V2), true).send("readings", batch(1));
        assertAll(r, RecordStatus.REFUSED);
        assertTrue(r.reason(0).contains("redirect to https://proxy.example/topics/readings"), r.reason(0));
    }
}
