package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in as Strimzi's HTTP Bridge: v2 only, its error bodies and per-record codes; and the topic GETs both
 * flavours answer (what a client asks to tell a missing topic from a slow proxy).
 */
class StrimziFlavourTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final DevStack STACK = DevStack.shared();
    static RestProxyStandIn strimzi;

    @BeforeAll
    static void start() {
        strimzi = RestProxyStandIn.start(
                STACK.kafka(),
                StandInOptions.defaults().withFlavour(Flavour.STRIMZI).withMaxBlock(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        strimzi.close();
    }

    @Test
    void everyV3PathIsStrimzisNotFound() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {
            Http.get(strimzi.baseUrl() + "/v3/clusters"),
            Http.post(strimzi.baseUrl() + "/v3/clusters/C1/topics/readings/records", "application/json", "{}")
        }) {
            assertEquals(404, r.statusCode());
            assertEquals("{\"error_code\":404,\"message\":\"Not Found\"}", r.body());
        }
    }

    @Test
    void perRecordErrorsUseHttpStyleCodesAndMessage() throws Exception {
        // A topic the broker does not have: the producer waits max.block.ms for metadata, then 404 per record.
        HttpResponse<String> r = Http.post(
                strimzi.baseUrl() + "/topics/no-such-topic-s1",
                Http.V2_JSON,
                "{\"records\":[{\"key\":\"k\",\"value\":{\"seq\":1}}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode entry = JSON.readTree(r.body()).get("offsets").get(0);
        assertEquals(404, entry.get("error_code").asInt(), entry.toString());
        assertTrue(entry.get("message").asText().contains("not present in metadata"), entry.toString());
        assertFalse(entry.has("error"), "Strimzi's field is message: " + entry);

        strimzi.faults().failRecords(RecordFault.all(50002).withMessage("Invalid record"));
        String topic = STACK.newTopic("strimzi-codes", 1);
        JsonNode failed = JSON.readTree(Http.post(
                                strimzi.baseUrl() + "/topics/" + topic,
                                Http.V2_JSON,
                                "{\"records\":[{\"key\":\"k\",\"value\":1}]}")
                        .body())
                .get("offsets")
                .get(0);
        assertEquals(500, failed.get("error_code").asInt(), "Confluent's 50002 is Strimzi's 500: " + failed);
        strimzi.reset();
        JsonNode ok = JSON.readTree(Http.post(
                                strimzi.baseUrl() + "/topics/" + topic,
                                Http.V2_JSON,
                                "{\"records\":[{\"key\":\"k\",\"value\":1}]}")
                        .body())
                .get("offsets")
                .get(0);
        assertEquals(0, ok.get("partition").asInt());
        assertFalse(ok.has("error_code"), "a delivered entry has no error fields in Strimzi's answer: " + ok);
    }

    @Test
    void topicLookupsAnswerAtOnceInEachFlavoursWords() throws Exception {
        String topic = STACK.newTopic("topic-get", 2);
        HttpResponse<String> found = Http.get(strimzi.baseUrl() + "/topics/" + topic);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(2, JSON.readTree(found.body()).get("partitions").size());
        HttpResponse<String> missing = Http.get(strimzi.baseUrl() + "/topics/no-such-topic-s2");
        assertEquals(404, missing.statusCode());
        assertEquals(
                "{\"error_code\":404,\"message\":\"This server does not host this topic-partition.\"}", missing.body());

        RestProxyStandIn confluent = STACK.restProxy();
        assertEquals(
                404, Http.get(confluent.baseUrl() + "/topics/no-such-topic-s2").statusCode());
        assertTrue(Http.get(confluent.baseUrl() + "/topics/no-such-topic-s2")
                .body()
                .contains("40401"));
        HttpResponse<String> v3 =
                Http.get(confluent.v3BaseUrl() + "/clusters/" + confluent.clusterId() + "/topics/" + topic);
        assertEquals(200, v3.statusCode(), v3.body());
        assertEquals(topic, JSON.readTree(v3.body()).get("topic_name").asText());
        assertTrue(Http.get(confluent.v3BaseUrl() + "/clusters/" + confluent.clusterId() + "/topics/no-such-topic-s3")
                .body()
                .contains("40403"));
    }
}
