package io.lpmsedge.bridge.delivery.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the hand-assembled request bodies say, read back with a real JSON parser. */
class ProduceBodyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Keys that need escaping in JSON, and non-ASCII ones: the cached prefixes must get them right. */
    static final List<String> KEYS = List.of("arm-1", "quote\"back\\slash", "tab\tnew\nline", "Spindel-Ü€😀", "\u0001");

    static List<SpooledRecord> batch(boolean json) {
        Random rnd = new Random(1);
        List<SpooledRecord> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] value;
            if (json) {
                value = ("{\"schema\":1,\"seq\":" + i + ",\"name\":\"x\\\"y\",\"v\":[1.5e-3,-2]}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                value = new byte[rnd.nextInt(40)]; // includes empty values and every base64 padding case
                rnd.nextBytes(value);
            }
            out.add(new SpooledRecord(i, new SpoolEntry("readings", KEYS.get(i % KEYS.size()), value)));
        }
        return out;
    }

    static List<JsonNode> concatenated(byte[] body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(body);
                MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void v3EmbedsJsonValuesAsTheyAre() throws IOException {
        List<SpooledRecord> batch = batch(true);
        ProduceBody bodies = new ProduceBody();
        for (int round = 0; round < 2; round++) { // the second round uses the cached key prefixes
            List<JsonNode> records = concatenated(bodies.v3(batch, true));
            assertEquals(batch.size(), records.size());
            for (int i = 0; i < batch.size(); i++) {
                JsonNode r = records.get(i);
                assertEquals("STRING", r.at("/key/type").asText());
                assertEquals(batch.get(i).entry().key(), r.at("/key/data").asText());
                assertEquals("JSON", r.at("/value/type").asText());
                assertEquals(JSON.readTree(batch.get(i).entry().value()), r.at("/value/data"));
            }
        }
    }

    @Test
    void v3SendsBinaryValuesAsBase64() throws IOException {
        List<SpooledRecord> batch = batch(false);
        List<JsonNode> records = concatenated(new ProduceBody().v3(batch, false));
        assertEquals(batch.size(), records.size());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(
                    batch.get(i).entry().key(), records.get(i).at("/key/data").asText());
            assertEquals("BINARY", records.get(i).at("/value/type").asText());
            assertArrayEquals(
                    batch.get(i).entry().value(),
                    Base64.getDecoder().decode(records.get(i).at("/value/data").asText()));
        }
    }

    @Test
    void v2SendsKeysAndValuesAsBase64InOneObject() throws IOException {
        List<SpooledRecord> batch = batch(false);
        List<JsonNode> bodies = concatenated(new ProduceBody().v2(batch));
        assertEquals(1, bodies.size(), "one JSON object");
        JsonNode records = bodies.get(0).get("records");
        assertEquals(batch.size(), records.size());
        for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(
                    batch.get(i).entry().key().getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(records.get(i).get("key").asText()));
            assertArrayEquals(
                    batch.get(i).entry().value(),
                    Base64.getDecoder().decode(records.get(i).get("value").asText()));
        }
        assertFalse(new String(new ProduceBody().v2(batch.subList(0, 1)), StandardCharsets.UTF_8).contains(",{"));
    }
}
