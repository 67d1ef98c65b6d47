package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.testsupport.KafkaRead;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultHooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final DevStack stack = DevStack.shared();
    final RestProxyStandIn rest = stack.restProxy();

    @BeforeEach
    void reset() {
        rest.reset();
    }

    HttpResponse<String> v2(String topic, String... keys) throws Exception {
        StringBuilder b = new StringBuilder("{\"records\":[");
        for (int i = 0; i < keys.length; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"")
                    .append(keys[i])
                    .append("\",\"value\":")
                    .append(i)
                    .append('}');
        }
        return Http.post(
                rest.baseUrl() + "/topics/" + topic,
                Http.V2_JSON,
                b.append("]}").toString());
    }

    HttpResponse<String> v3(String topic, String... keys) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            b.append(V3ProduceTest.stringRecord(k, "0"));
        }
        return Http.post(rest.v3RecordsUrl(topic), "application/json", b.toString());
    }

    static List<Integer> codes(JsonNode offsets) {
        List<Integer> out = new java.util.ArrayList<>();
        offsets.forEach(o -> out.add(
                o.get("error_code").isNull() ? null : o.get("error_code").asInt()));
        return out;
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503, 504, 401, 403, 404, 413, 415, 422})
    void statusFaultAnswersInsteadOfProducingThenGoesAway(int status) throws Exception {
        String topic = stack.newTopic("fault-status-" + status, 1);
        Fault fault = rest.faults().respondWithStatus(1, status);
        HttpResponse<String> r = v2(topic, "s");
        assertEquals(status, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (status == 429 || status == 502 || status == 504) {
            assertTrue(type.startsWith("text/html"), type); // DoSFilter / load balancer pages
            assertTrue(r.body().contains("<title>Error " + status), r.body());
        } else {
            assertEquals("application/json", type);
            int code = JSON.readTree(r.body()).get("error_code").asInt();
            assertEquals(status, Call.httpStatus(code), r.body());
        }
        if (status == 404) {
            assertEquals(40401, JSON.readTree(r.body()).get("error_code").asInt());
        }
        assertEquals(1, fault.fired());
        assertTrue(fault.isUsedUp());
        HttpResponse<String> next = v2(topic, "s");
        assertEquals(200, next.statusCode());
        assertEquals(
                0,
                JSON.readTree(next.body()).get("offsets").get(0).get("offset").asLong(),
                "the faulted request must not have been written");
        ReceivedRequest logged = rest.requests().all().get(0);
        assertEquals(status, logged.status());
        assertEquals(List.of("\"s\""), logged.keysUtf8()); // what was sent, even though it was refused
    }

    @Test
    void rateLimitCarriesRetryAfterAndAppliesToV3Too() throws Exception {
        String topic = stack.newTopic("fault-429", 1);
        Fault f = rest.faults().respond(2, HttpFault.rateLimited(7));
        HttpResponse<String> a = v3(topic, "s");
        HttpResponse<String> b = v2(topic, "s");
        assertEquals(429, a.statusCode());
        assertEquals("7", a.headers().firstValue("Retry-After").orElse(""));
        assertEquals(429, b.statusCode());
        assertEquals(2, f.fired());
        assertEquals(200, v3(topic, "s").statusCode());
    }

    @Test
    void aFaultCanCarryItsOwnBodyAndRetryAfter() throws Exception {
        String topic = stack.newTopic("fault-custom", 1);
        rest.faults()
                .respond(
                        1,
                        HttpFault.status(503)
                                .withBody("text/plain", "maintenance")
                                .withRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
        HttpResponse<String> r = v2(topic, "s");
        assertEquals(503, r.statusCode());
        assertEquals("maintenance", r.body());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "Wed, 21 Oct 2026 07:28:00 GMT",
                r.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void aFaultCanTargetTheClusterLookupOnly() throws Exception {
        String topic = stack.newTopic("fault-clusters", 1);
        Fault f = rest.faults().respond(1, HttpFault.status(503).on(Endpoint.V3_CLUSTERS));
        assertEquals(200, v2(topic, "s").statusCode());
        assertEquals(0, f.fired());
        assertEquals(503, Http.get(rest.v3BaseUrl() + "/clusters").statusCode());
        assertEquals(200, Http.get(rest.v3BaseUrl() + "/clusters").statusCode());
        assertEquals(1, f.fired());
    }

    @Test
    void everyNthRecordFailsInsideA200AndOnlyTheOthersAreWritten() throws Exception {
        String topic = stack.newTopic("fault-every-nth", 1);
        Fault f = rest.faults().failRecords(RecordFault.everyNth(3, 50003));
        HttpResponse<String> r = v2(topic, "a", "b", "c", "d", "e", "f", "g");
        assertEquals(200, r.statusCode());
        JsonNode offsets = JSON.readTree(r.body()).get("offsets");
        assertEquals(java.util.Arrays.asList(null, null, 50003, null, null, 50003, null), codes(offsets));
        JsonNode failed = offsets.get(2);
        assertTrue(failed.get("partition").isNull() && failed.get("offset").isNull());
        assertTrue(failed.get("error").asText().contains("injected"));
        assertEquals(2, f.fired());
        List<ConsumerRecord<byte[], byte[]>> got =
                KafkaRead.all(stack.kafka().bootstrapServers(), topic, Duration.ofSeconds(20));
        assertEquals(
                List.of("\"a\"", "\"b\"", "\"d\"", "\"e\"", "\"g\""),
                got.stream().map(c -> KafkaRead.utf8(c.key())).toList());
    }

    @Test
    void recordOrdinalsCountAcrossRequestsAndEndpoints() throws Exception {
        String topic = stack.newTopic("fault-ordinals", 1);
        Fault tooMany = rest.faults().failRecords(RecordFault.atOrdinals(429, 1, 3));
        Fault tooLarge = rest.faults().failRecords(RecordFault.atOrdinals(413, 4));
        List<JsonNode> first = V3ProduceTest.reports(v3(topic, "a", "b", "c").body());
        assertEquals(
                List.of(200, 429, 200),
                first.stream().map(n -> n.get("error_code").asInt()).toList());
        JsonNode second = JSON.readTree(v2(topic, "d", "e", "f").body()).get("offsets");
        assertEquals(java.util.Arrays.asList(429, 413, null), codes(second));
        assertEquals(2, tooMany.fired());
        assertTrue(tooMany.isUsedUp());
        assertEquals(1, tooLarge.fired());
        List<JsonNode> third = V3ProduceTest.reports(v3(topic, "g").body());
        assertEquals(200, third.get(0).get("error_code").asInt());
        assertEquals(
                List.of("a", "c", "f", "g"),
                KafkaRead.all(stack.kafka().bootstrapServers(), topic, Duration.ofSeconds(20)).stream()
                        .map(c -> KafkaRead.utf8(c.key()).replace("\"", ""))
                        .toList());
    }

    @Test
    void aWrittenButReported50003LeavesTheRecordInKafka() throws Exception {
        String topic = stack.newTopic("fault-written-50003", 1);
        rest.faults().failRecords(RecordFault.atOrdinals(50003, 0).butWritten());
        List<JsonNode> reports = V3ProduceTest.reports(v3(topic, "a").body());
        assertEquals(50003, reports.get(0).get("error_code").asInt());
        assertEquals(
                1,
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 1, Duration.ofSeconds(20))
                        .size());
    }

    @Test
    void aDroppedResponseAfterProducingMakesTheRetryADuplicate() throws Exception {
        String topic = stack.newTopic("fault-drop", 1);
        Fault drop = rest.faults().dropResponses(2);
        assertThrows(IOException.class, () -> v2(topic, "sensor-1"));
        assertThrows(IOException.class, () -> v3(topic, "sensor-1"));
        HttpResponse<String> retry = v2(topic, "sensor-1");
        assertEquals(200, retry.statusCode());
        assertEquals(2, drop.fired());
        List<ConsumerRecord<byte[], byte[]>> got =
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 3, Duration.ofSeconds(20));
        assertEquals(3, got.size(), "both dropped requests were written, and the retry once more");
        assertEquals(
                List.of(0L, 1L, 2L), got.stream().map(ConsumerRecord::offset).toList());
        List<ReceivedRequest> log = rest.requests().all();
        assertEquals(
                List.of(ReceivedRequest.DROPPED, ReceivedRequest.DROPPED, 200),
                log.stream().map(ReceivedRequest::status).toList());
    }

    @Test
    void aDelayedAnswerOutlastsAShortClientTimeoutButTheRecordIsWritten() throws Exception {
        String topic = stack.newTopic("fault-delay", 1);
        Fault delay = rest.faults().delayResponses(1, Duration.ofMillis(1500));
        assertThrows(
                HttpTimeoutException.class,
                () -> Http.post(
                        rest.baseUrl() + "/topics/" + topic,
                        Http.V2_JSON,
                        "{\"records\":[{\"value\":1}]}",
                        Duration.ofMillis(250)));
        assertEquals(1, delay.fired());
        assertEquals(
                1,
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 1, Duration.ofSeconds(20))
                        .size());
        assertEquals(
                200, rest.requests().awaitSize(1, Duration.ofSeconds(20)).get(0).status());
    }

    @Test
    void theStandInGoesDownAndComesBackOnTheSamePort() throws Exception {
        String topic = stack.newTopic("fault-outage", 1);
        int port = rest.port();
        rest.stop();
        try {
            assertFalse(rest.isRunning());
            assertThrows(ConnectException.class, () -> v2(topic, "s"));
        } finally {
            rest.start();
        }
        assertEquals(port, rest.port());
        assertEquals(200, v2(topic, "s").statusCode());
    }

    @Test
    void clearDisarmsEverything() throws Exception {
        String topic = stack.newTopic("fault-clear", 1);
        Fault status = rest.faults().respondWithStatus(Fault.UNLIMITED, 500);
        Fault records = rest.faults().failRecords(RecordFault.all(50002));
        rest.faults().clear();
        HttpResponse<String> r = v2(topic, "s");
        assertEquals(200, r.statusCode());
        assertTrue(
                JSON.readTree(r.body()).get("offsets").get(0).get("error_code").isNull());
        assertEquals(0, status.fired());
        assertEquals(0, records.fired());
    }
}
