package io.lpmsedge.devstack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * v3 {@code POST /v3/clusters/{id}/topics/{topic}/records}: one or more concatenated JSON record objects in, one
 * delivery report per record out, concatenated in the same order, HTTP 200 once the stream is open
 * (docs/rest-proxy-contract.md#v3-produce).
 * Key and value bytes follow docs/rest-proxy-contract.md#keys-and-partitions: STRING = raw UTF-8, BINARY = decoded
 * base64, JSON = JSON text.
 */
final class V3ProduceHandler {
    private final KafkaBackend backend;
    private final FaultPlan faults;
    private final ObjectMapper mapper;
    private final ExecutorService reportThreads;
    private final boolean strictClusterId;

    /** A decoded record and the types it was sent with (echoed in its report). */
    private record Decoded(OutgoingRecord record, String keyType, String valueType) {}

    V3ProduceHandler(
            KafkaBackend backend,
            FaultPlan faults,
            ObjectMapper mapper,
            ExecutorService reportThreads,
            boolean strictClusterId) {
        this.backend = backend;
        this.faults = faults;
        this.mapper = mapper;
        this.reportThreads = reportThreads;
        this.strictClusterId = strictClusterId;
    }

    void handle(Call call) throws IOException, InterruptedException {
        if (!call.mediaType().equals("application/json")) {
            call.error(peekKeys(call.readBody()), 415, 415, "HTTP 415 Unsupported Media Type");
            return;
        }
        if (strictClusterId) {
            String id;
            try {
                id = backend.clusterId();
            } catch (Exception e) {
                call.error(peekKeys(call.readBody()), 500, 50003, "cannot reach the Kafka cluster: " + e);
                return;
            }
            if (!id.equals(call.route.clusterId())) {
                // Confluent Cloud checks the id; a self-managed proxy would ignore it (StandInOptions).
                call.error(
                        peekKeys(call.readBody()), 404, 404, "Cluster " + call.route.clusterId() + " cannot be found.");
                return;
            }
        }
        PushbackInputStream in = new PushbackInputStream(call.ex.getRequestBody(), 1);
        if (!hasContent(in)) {
            call.error(List.of(), 422, 422, "Request body is empty. Data is required.");
            return;
        }
        boolean drop = faults.claimDrop();
        Duration delay = faults.claimDelay();
        OutputStream out = null;
        if (!drop && delay.isZero()) {
            call.ex.getResponseHeaders().set("Content-Type", HttpFault.JSON);
            call.ex.sendResponseHeaders(200, 0); // chunked: reports go out as records complete
            out = call.ex.getResponseBody();
        }
        ReportStream reports = new ReportStream(mapper, out);
        reportThreads.execute(reports);
        List<byte[]> keys = new ArrayList<>();
        try {
            readRecords(in, call, reports, keys);
        } finally {
            reports.finishAndWait();
        }
        if (out != null) {
            call.log(keys, 200);
            out.close();
            return;
        }
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis()); // the injected slowness itself, not a wait for something
        }
        if (drop) {
            call.log(keys, ReceivedRequest.DROPPED);
            ExchangeIo.drop(call.ex);
            return;
        }
        call.log(keys, 200);
        ExchangeIo.respond(call.ex, 200, HttpFault.JSON, reports.buffered(), null);
    }

    private void readRecords(InputStream in, Call call, ReportStream reports, List<byte[]> keys) {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            while (true) {
                JsonToken t;
                JsonNode node;
                try {
                    t = p.nextToken();
                    if (t == null) {
                        return;
                    }
                    if (t != JsonToken.START_OBJECT) {
                        reports.add(failed(400, "each record must be a JSON object, found " + t));
                        return;
                    }
                    node = mapper.readTree(p);
                } catch (JsonProcessingException e) {
                    // Past a syntax error the rest of the stream cannot be framed: report it and stop reading.
                    reports.add(failed(400, "Unexpected JSON: " + e.getOriginalMessage()));
                    return;
                }
                Decoded d;
                try {
                    d = decode(node);
                } catch (BadRequestException e) {
                    keys.add(null);
                    reports.add(failed(e.errorCode(), e.getMessage()));
                    continue;
                }
                keys.add(d.record().key());
                reports.add(produce(call, d));
            }
        } catch (IOException e) {
            // The client went away mid-stream: the records read so far are produced and reported (to nobody).
        }
    }

    private CompletableFuture<ObjectNode> produce(Call call, Decoded d) {
        Optional<RecordFault> fault = faults.nextRecord();
        if (fault.isPresent() && !fault.get().written()) {
            return failed(fault.get().errorCode(), fault.get().message());
        }
        return backend.send(call.route.topic(), d.record()).handle((md, e) -> {
            if (fault.isPresent()) {
                return error(fault.get().errorCode(), fault.get().message());
            }
            if (e != null) {
                return error(KafkaErrors.v3Code(e), KafkaErrors.message(e));
            }
            ObjectNode o = mapper.createObjectNode();
            o.put("error_code", 200);
            o.put("cluster_id", call.route.clusterId());
            o.put("topic_name", call.route.topic());
            o.put("partition_id", md.partition());
            o.put("offset", md.offset());
            o.put("timestamp", Instant.ofEpochMilli(md.timestamp()).toString());
            if (d.record().key() != null) {
                o.putObject("key")
                        .put("type", d.keyType())
                        .put("size", d.record().key().length);
            }
            if (d.record().value() != null) {
                o.putObject("value")
                        .put("type", d.valueType())
                        .put("size", d.record().value().length);
            }
            return o;
        });
    }

    private CompletableFuture<ObjectNode> failed(int code, String message) {
        return CompletableFuture.completedFuture(error(code, message));
    }

    private ObjectNode error(int code, String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("error_code", code);
        o.put("message", message);
        return o;
    }

    /** Keys of a body for the request log when a fault answered first; null if it does not parse. */
    List<byte[]> peekKeys(byte[] body) {
        List<byte[]> keys = new ArrayList<>();
        try (JsonParser p = mapper.getFactory().createParser(new ByteArrayInputStream(body))) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                keys.add(decode(mapper.readTree(p)).record().key());
            }
            return keys;
        } catch (IOException | BadRequestException e) {
            return null;
        }
    }

    /** Skips leading whitespace; false when the body holds nothing else. */
    private static boolean hasContent(PushbackInputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
        if (b < 0) {
            return false;
        }
        in.unread(b);
        return true;
    }

    private Decoded decode(JsonNode n) throws BadRequestException {
        Integer partition = null;
        JsonNode p = n.get("partition_id");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw new BadRequestException(400, "partition_id must be an integer");
            }
            partition = p.intValue();
        }
        List<Header> headers = new ArrayList<>();
        JsonNode hs = n.get("headers");
        if (hs != null && !hs.isNull()) {
            if (!hs.isArray()) {
                throw new BadRequestException(400, "headers must be an array of {name, value}");
            }
            for (JsonNode h : hs) {
                if (!h.path("name").isTextual()) {
                    throw new BadRequestException(400, "a header needs a string name");
                }
                JsonNode v = h.get("value");
                headers.add(new RecordHeader(
                        h.get("name").textValue(), v == null || v.isNull() ? null : base64(v, "header value")));
            }
        }
        Long timestamp = null;
        JsonNode ts = n.get("timestamp");
        if (ts != null && !ts.isNull()) {
            try {
                timestamp = OffsetDateTime.parse(ts.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadRequestException(400, "timestamp must be RFC 3339, e.g. 2026-11-23T10:00:00.000Z");
            }
        }
        JsonNode key = n.get("key");
        JsonNode value = n.get("value");
        return new Decoded(
                new OutgoingRecord(partition, data(key, "key"), data(value, "value"), headers, timestamp),
                type(key),
                type(value));
    }

    /** Without a type the proxy tries a schema lookup and otherwise treats the data as BINARY. */
    private static String type(JsonNode data) {
        return data == null || !data.hasNonNull("type")
                ? "BINARY"
                : data.get("type").asText();
    }

    private byte[] data(JsonNode d, String what) throws BadRequestException {
        if (d == null || d.isNull()) {
            return null;
        }
        if (!d.isObject()) {
            throw new BadRequestException(400, what + " must be an object {\"type\":…,\"data\":…}");
        }
        JsonNode data = d.get("data");
        if (data == null || data.isNull()) {
            return null;
        }
        String type = type(d);
        switch (type) {
            case "BINARY":
                return base64(data, what + ".data");
            case "STRING":
                if (!data.isTextual()) {
                    throw new BadRequestException(400, what + ".data must be a string for type STRING");
                }
                return data.textValue().getBytes(StandardCharsets.UTF_8);
            case "JSON":
                try {
                    return mapper.writeValueAsBytes(data);
                } catch (IOException e) {
                    throw new BadRequestException(400, what + ".data: " + e.getMessage());
                }
            case "AVRO":
            case "JSONSCHEMA":
            case "PROTOBUF":
                throw new BadRequestException(
                        400,
                        what + " type " + type
                                + " needs Schema Registry, which the lpms-edge REST stand-in does not have");
            default:
                throw new BadRequestException(400, what + ".type must be BINARY, JSON or STRING, got " + type);
        }
    }

    private static byte[] base64(JsonNode data, String what) throws BadRequestException {
        if (!data.isTextual()) {
            throw new BadRequestException(400, what + " must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(data.textValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(400, what + " is not valid base64: " + e.getMessage());
        }
    }
}
