package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.testsupport.KafkaRead;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class V2ProduceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final DevStack stack = DevStack.shared();
    final RestProxyStandIn rest = stack.restProxy();

    @BeforeEach
    void reset() {
        rest.reset();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static int murmurPartition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    @Test
    void binaryRecordsAreWrittenAsTheirDecodedBytesAndAnsweredInRequestOrder() throws Exception {
        String topic = stack.newTopic("v2-binary", 3);
        String body = "{\"records\":[{\"key\":\"" + b64("sensor-0") + "\",\"value\":\"" + b64("{\"seq\":1}")
                + "\"},{\"key\":\"" + b64("sensor-1") + "\",\"value\":\"" + b64("{\"seq\":2}") + "\"},"
                + "{\"value\":\"" + b64("no key") + "\",\"partition\":2}]}";
        HttpResponse<String> r = Http.post(rest.baseUrl() + "/topics/" + topic, Http.V2_BINARY, body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                "application/vnd.kafka.v2+json",
                r.headers().firstValue("Content-Type").orElse(""));
        JsonNode root = JSON.readTree(r.body());
        JsonNode offsets = root.get("offsets");
        assertEquals(3, offsets.size());
        assertEquals(
                murmurPartition("sensor-0".getBytes(StandardCharsets.UTF_8), 3),
                offsets.get(0).get("partition").asInt());
        assertEquals(1, offsets.get(1).get("partition").asInt()); // sensor-1 -> 1 of 3: docs/rest-proxy-contract.md
        assertEquals(2, offsets.get(2).get("partition").asInt());
        for (JsonNode o : offsets) {
            assertTrue(o.get("error_code").isNull(), o.toString());
            assertTrue(o.get("error").isNull(), o.toString());
        }
        assertTrue(root.get("key_schema_id").isNull());
        assertTrue(root.get("value_schema_id").isNull());

        List<ConsumerRecord<byte[], byte[]>> got =
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 3, Duration.ofSeconds(20));
        assertEquals(3, got.size());
        ConsumerRecord<byte[], byte[]> s1 = got.stream()
                .filter(c -> c.key() != null && KafkaRead.utf8(c.key()).equals("sensor-1"))
                .findFirst()
                .orElseThrow();
        assertEquals(1, s1.partition());
        assertEquals("{\"seq\":2}", KafkaRead.utf8(s1.value()));
        assertEquals(offsets.get(1).get("offset").asLong(), s1.offset());
        assertEquals(
                List.of("sensor-0", "sensor-1", "null"),
                rest.requests().all().get(0).keysUtf8().stream()
                        .map(String::valueOf)
                        .toList());
    }

    @Test
    void jsonRecordsAreWrittenAsJsonTextSoAStringKeyKeepsItsQuotes() throws Exception {
        String topic = stack.newTopic("v2-json", 3);
        HttpResponse<String> r = Http.post(
                rest.baseUrl() + "/topics/" + topic,
                Http.V2_JSON,
                "{\"records\":[{\"key\":\"sensor-1\",\"value\":{\"seq\":7,\"ok\":true}}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode entry = JSON.readTree(r.body()).get("offsets").get(0);
        // "sensor-1" with quotes is 10 bytes and lands on partition 0 of 3, not 1
        // (docs/rest-proxy-contract.md#keys-and-partitions).
        assertEquals(0, entry.get("partition").asInt());
        ConsumerRecord<byte[], byte[]> c = KafkaRead.untilCount(
                        stack.kafka().bootstrapServers(), topic, 1, Duration.ofSeconds(20))
                .get(0);
        assertArrayEquals("\"sensor-1\"".getBytes(StandardCharsets.UTF_8), c.key());
        assertEquals("{\"seq\":7,\"ok\":true}", KafkaRead.utf8(c.value()));
    }

    @Test
    void partitionInThePathWins() throws Exception {
        String topic = stack.newTopic("v2-path-partition", 3);
        HttpResponse<String> r = Http.post(
                rest.baseUrl() + "/topics/" + topic + "/partitions/2",
                Http.V2_JSON,
                "{\"records\":[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]}");
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode o : JSON.readTree(r.body()).get("offsets")) {
            assertEquals(2, o.get("partition").asInt());
        }
    }

    @Test
    void plainJsonContentTypeIsRefusedWith415AndNothingIsWritten() throws Exception {
        String topic = stack.newTopic("v2-415", 1);
        HttpResponse<String> r =
                Http.post(rest.baseUrl() + "/topics/" + topic, "application/json", "{\"records\":[{\"value\":1}]}");
        assertEquals(415, r.statusCode());
        assertEquals(415, JSON.readTree(r.body()).get("error_code").asInt());
        HttpResponse<String> ok =
                Http.post(rest.baseUrl() + "/topics/" + topic, Http.V2_JSON, "{\"records\":[{\"value\":2}]}");
        assertEquals(
                0,
                JSON.readTree(ok.body()).get("offsets").get(0).get("offset").asLong(),
                "the refused record must not have been written");
    }

    @Test
    void malformedJsonIs400AndBadBase64Is400() throws Exception {
        String topic = stack.newTopic("v2-400", 1);
        HttpResponse<String> r = Http.post(rest.baseUrl() + "/topics/" + topic, Http.V2_JSON, "{\"records\":[");
        assertEquals(400, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(400, body.get("error_code").asInt());
        assertTrue(body.get("message").asText().startsWith("Unexpected JSON"), body.toString());
        HttpResponse<String> b = Http.post(
                rest.baseUrl() + "/topics/" + topic, Http.V2_BINARY, "{\"records\":[{\"value\":\"%%% not base64\"}]}");
        assertEquals(400, b.statusCode());
        assertEquals(-1, rest.requests().all().get(0).recordCount());
    }

    @Test
    void unknownTopicAnswers200WithPerRecord50003AfterMaxBlock() throws Exception {
        HttpResponse<String> r = Http.post(
                rest.baseUrl() + "/topics/no-such-topic-v2",
                Http.V2_JSON,
                "{\"records\":[{\"key\":\"k\",\"value\":1}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("offsets").get(0);
        assertTrue(e.get("partition").isNull());
        assertTrue(e.get("offset").isNull());
        assertEquals(50003, e.get("error_code").asInt());
        assertTrue(e.get("error").asText().contains("not present in metadata"), e.toString());
    }
}
