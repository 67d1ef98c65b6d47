package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.testsupport.KafkaRead;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class V3ProduceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final DevStack stack = DevStack.shared();
    final RestProxyStandIn rest = stack.restProxy();

    @BeforeEach
    void reset() {
        rest.reset();
    }

    /** Concatenated JSON values (the v3 response), parsed one by one. */
    static List<JsonNode> reports(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(body);
                MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(p)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    static String stringRecord(String key, String jsonValue) {
        return "{\"key\":{\"type\":\"STRING\",\"data\":\"" + key + "\"},\"value\":{\"type\":\"JSON\",\"data\":"
                + jsonValue + "}}";
    }

    @Test
    void getClustersReportsTheBrokersClusterId() throws Exception {
        HttpResponse<String> r = Http.get(rest.v3BaseUrl() + "/clusters");
        assertEquals(200, r.statusCode());
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertEquals(1, data.size());
        assertEquals(stack.kafka().clusterId(), data.get(0).get("cluster_id").asText());
    }

    @Test
    void concatenatedStringKeyedRecordsLandWhereAStringSerializerProducerPutsThem() throws Exception {
        String topic = stack.newTopic("v3-string", 3);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            body.append(stringRecord("sensor-" + i, "{\"seq\":" + i + "}")).append(i % 2 == 0 ? "\n" : "");
        }
        HttpResponse<String> r = Http.post(rest.v3RecordsUrl(topic), "application/json", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> reports = reports(r.body());
        assertEquals(6, reports.size());

        // The same keys through kafka-clients' StringSerializer, the native sink's path.
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> native_ = new KafkaProducer<>(p)) {
            for (int i = 0; i < 6; i++) {
                JsonNode rep = reports.get(i);
                assertEquals(200, rep.get("error_code").asInt(), rep.toString());
                assertEquals(topic, rep.get("topic_name").asText());
                assertEquals(rest.clusterId(), rep.get("cluster_id").asText());
                assertEquals("STRING", rep.get("key").get("type").asText());
                assertEquals(
                        ("sensor-" + i).length(), rep.get("key").get("size").asInt());
                assertEquals("JSON", rep.get("value").get("type").asText());
                Instant.parse(rep.get("timestamp").asText());
                int nativePartition = native_.send(new ProducerRecord<>(topic, "sensor-" + i, "x"))
                        .get()
                        .partition();
                assertEquals(nativePartition, rep.get("partition_id").asInt(), "sensor-" + i);
            }
        }
        assertEquals(1, reports.get(1).get("partition_id").asInt()); // sensor-1 -> 1 of 3: docs/rest-proxy-contract.md
        List<ConsumerRecord<byte[], byte[]>> got =
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 12, Duration.ofSeconds(20));
        assertEquals(12, got.size());
        ConsumerRecord<byte[], byte[]> viaRest = got.stream()
                .filter(c -> KafkaRead.utf8(c.value()).equals("{\"seq\":3}"))
                .findFirst()
                .orElseThrow();
        assertArrayEquals("sensor-3".getBytes(StandardCharsets.UTF_8), viaRest.key());
    }

    @Test
    void binaryAndJsonKeysHeadersTimestampAndExplicitPartition() throws Exception {
        String topic = stack.newTopic("v3-types", 3);
        String body = "{\"partition_id\":2,\"headers\":[{\"name\":\"h\",\"value\":\"aGk=\"}],"
                + "\"key\":{\"type\":\"BINARY\",\"data\":\"AAEC\"},\"value\":{\"type\":\"STRING\",\"data\":\"v\"},"
                + "\"timestamp\":\"2026-01-02T03:04:05.006Z\"}"
                + "{\"key\":{\"type\":\"JSON\",\"data\":\"sensor-1\"},\"value\":{\"type\":\"JSON\",\"data\":[1,2]}}";
        List<JsonNode> reports = reports(
                Http.post(rest.v3RecordsUrl(topic), "application/json", body).body());
        assertEquals(2, reports.get(0).get("partition_id").asInt());
        assertEquals("2026-01-02T03:04:05.006Z", reports.get(0).get("timestamp").asText());
        assertEquals(3, reports.get(0).get("key").get("size").asInt());
        assertEquals(0, reports.get(1).get("partition_id").asInt()); // "sensor-1" with quotes -> 0 of 3
        List<ConsumerRecord<byte[], byte[]>> got =
                KafkaRead.untilCount(stack.kafka().bootstrapServers(), topic, 2, Duration.ofSeconds(20));
        ConsumerRecord<byte[], byte[]> bin =
                got.stream().filter(c -> c.partition() == 2).findFirst().orElseThrow();
        assertArrayEquals(new byte[] {0, 1, 2}, bin.key());
        assertEquals("hi", KafkaRead.utf8(bin.headers().lastHeader("h").value()));
        assertEquals(Instant.parse("2026-01-02T03:04:05.006Z").toEpochMilli(), bin.timestamp());
        ConsumerRecord<byte[], byte[]> js =
                got.stream().filter(c -> c.partition() == 0).findFirst().orElseThrow();
        assertEquals("\"sensor-1\"", KafkaRead.utf8(js.key()));
        assertEquals("[1,2]", KafkaRead.utf8(js.value()));
    }

    @Test
    void aBadRecordGetsA400ReportAndTheOthersAreStillWritten() throws Exception {
        String topic = stack.newTopic("v3-bad-record", 1);
        String body = stringRecord("a", "1")
                + "{\"key\":{\"type\":\"BINARY\",\"data\":\"%%%\"},\"value\":{\"type\":\"JSON\",\"data\":2}}"
                + stringRecord("c", "3");
        List<JsonNode> reports = reports(
                Http.post(rest.v3RecordsUrl(topic), "application/json", body).body());
        assertEquals(
                List.of(200, 400, 200),
                reports.stream().map(n -> n.get("error_code").asInt()).toList());
        assertTrue(
                reports.get(1).get("message").asText().contains("base64"),
                reports.get(1).toString());
        assertEquals(1, reports.get(2).get("offset").asLong());
    }

    @Test
    void malformedJsonEndsTheStreamWithA400Report() throws Exception {
        String topic = stack.newTopic("v3-malformed", 1);
        HttpResponse<String> r =
                Http.post(rest.v3RecordsUrl(topic), "application/json", stringRecord("a", "1") + "{\"key\":");
        assertEquals(200, r.statusCode());
        List<JsonNode> reports = reports(r.body());
        assertEquals(2, reports.size(), r.body());
        assertEquals(200, reports.get(0).get("error_code").asInt());
        assertEquals(400, reports.get(1).get("error_code").asInt());
    }

    @Test
    void unknownTopicGivesA40401ReportInsideA200() throws Exception {
        HttpResponse<String> r =
                Http.post(rest.v3RecordsUrl("no-such-topic-v3"), "application/json", stringRecord("k", "1"));
        assertEquals(200, r.statusCode());
        JsonNode rep = reports(r.body()).get(0);
        assertEquals(40401, rep.get("error_code").asInt(), rep.toString());
        assertTrue(rep.get("message").asText().contains("not present in metadata"));
    }

    @Test
    void anExplicitPartitionPastTheEndGetsA40402Report() throws Exception {
        String topic = stack.newTopic("v3-bad-partition", 2);
        HttpResponse<String> r = Http.post(
                rest.v3RecordsUrl(topic),
                "application/json",
                "{\"partition_id\":5,\"value\":{\"type\":\"JSON\",\"data\":1}}" + stringRecord("k", "2"));
        List<JsonNode> reports = reports(r.body());
        assertEquals(
                List.of(40402, 200),
                reports.stream().map(n -> n.get("error_code").asInt()).toList());
    }

    @Test
    void wrongContentTypeWrongClusterIdAndEmptyBodyAreWholeRequestErrors() throws Exception {
        String topic = stack.newTopic("v3-request-errors", 1);
        HttpResponse<String> ct =
                Http.post(rest.v3RecordsUrl(topic), "application/vnd.kafka.json.v2+json", stringRecord("k", "1"));
        assertEquals(415, ct.statusCode());
        HttpResponse<String> id = Http.post(
                rest.v3BaseUrl() + "/clusters/lkc-wrong/topics/" + topic + "/records",
                "application/json",
                stringRecord("k", "1"));
        assertEquals(404, id.statusCode());
        assertTrue(JSON.readTree(id.body()).get("message").asText().contains("lkc-wrong"));
        HttpResponse<String> empty = Http.post(rest.v3RecordsUrl(topic), "application/json", "  \n");
        assertEquals(422, empty.statusCode());
        assertEquals(
                List.of(1, 1, 0),
                rest.requests().all().stream().map(ReceivedRequest::recordCount).toList());
        assertEquals(
                0L,
                reports(Http.post(rest.v3RecordsUrl(topic), "application/json", stringRecord("k", "2"))
                                .body())
                        .get(0)
                        .get("offset")
                        .asLong(),
                "none of the refused records may have been written");
    }

    @Test
    void aSelfManagedStyleStandInIgnoresTheClusterId() throws Exception {
        String topic = stack.newTopic("v3-lenient-id", 1);
        try (RestProxyStandIn lenient =
                RestProxyStandIn.start(stack.kafka(), StandInOptions.defaults().withStrictClusterId(false))) {
            HttpResponse<String> r = Http.post(
                    lenient.v3BaseUrl() + "/clusters/anything/topics/" + topic + "/records",
                    "application/json",
                    stringRecord("k", "1"));
            JsonNode rep = reports(r.body()).get(0);
            assertEquals(200, rep.get("error_code").asInt());
            assertEquals("anything", rep.get("cluster_id").asText());
        }
    }

    /**
     * One chunked connection: the report for the first record arrives before the client sends the second, as a
     * streaming v3 client relies on.
     */
    @Test
    void reportsStreamBackWhileTheRequestIsStillOpen() throws Exception {
        String topic = stack.newTopic("v3-stream", 1);
        String path = "/v3/clusters/" + rest.clusterId() + "/topics/" + topic + "/records";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rest.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, stringRecord("s", "1"));
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            String line;
            while (!(line = in.readLine()).isEmpty()) {
                assertFalse(line.isBlank());
            }
            JsonNode first = JSON.readTree(readChunk(in));
            assertEquals(0, first.get("offset").asLong(), first.toString());
            chunk(out, stringRecord("s", "2"));
            JsonNode second = JSON.readTree(readChunk(in));
            assertEquals(1, second.get("offset").asLong(), second.toString());
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("0", in.readLine().trim()); // the end of the chunked response
        }
    }

    private static void chunk(OutputStream out, String data) throws Exception {
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readChunk(BufferedReader in) throws Exception {
        int len = Integer.parseInt(in.readLine().trim(), 16);
        char[] buf = new char[len];
        int n = 0;
        while (n < len) {
            n += in.read(buf, n, len - n);
        }
        in.readLine(); // CRLF after the chunk
        return new String(buf);
    }
}
