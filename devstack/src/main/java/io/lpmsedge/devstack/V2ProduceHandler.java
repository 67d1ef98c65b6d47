package io.lpmsedge.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * v2 {@code POST /topics/{topic}} (and {@code /topics/{topic}/partitions/{p}}), embedded formats {@code binary}
 * (base64 key/value) and {@code json} (any JSON, written as its JSON text). The answer is HTTP 200 with one
 * {@code offsets} entry per record in request order, failures included (docs/rest-proxy-contract.md#v2-produce).
 */
final class V2ProduceHandler {
    static final String BINARY = "application/vnd.kafka.binary.v2+json";
    static final String JSON = "application/vnd.kafka.json.v2+json";
    static final String RESPONSE_TYPE = "application/vnd.kafka.v2+json";

    private final KafkaBackend backend;
    private final FaultPlan faults;
    private final ObjectMapper mapper;

    private final Flavour flavour;

    V2ProduceHandler(KafkaBackend backend, FaultPlan faults, ObjectMapper mapper, Flavour flavour) {
        this.backend = backend;
        this.faults = faults;
        this.mapper = mapper;
        this.flavour = flavour;
    }

    void handle(Call call) throws IOException, InterruptedException {
        String mt = call.mediaType();
        byte[] body = call.readBody();
        if (!mt.equals(BINARY) && !mt.equals(JSON)) {
            // avro/jsonschema/protobuf need Schema Registry, which the stand-in does not have; anything else is
            // what the real proxy refuses too (application/json included).
            call.error(null, 415, 415, "HTTP 415 Unsupported Media Type");
            return;
        }
        List<OutgoingRecord> records;
        try {
            records = parse(body, mt.equals(BINARY), call.route.partition());
        } catch (BadRequestException e) {
            call.error(null, Call.httpStatus(e.errorCode()), e.errorCode(), e.getMessage());
            return;
        }
        boolean drop = faults.claimDrop();
        Duration delay = faults.claimDelay();
        List<CompletableFuture<ObjectNode>> entries = new ArrayList<>(records.size());
        List<byte[]> keys = new ArrayList<>(records.size());
        for (OutgoingRecord r : records) {
            keys.add(r.key());
            Optional<RecordFault> fault = faults.nextRecord();
            if (fault.isPresent() && !fault.get().written()) {
                entries.add(CompletableFuture.completedFuture(
                        failure(fault.get().errorCode(), fault.get().message())));
                continue;
            }
            entries.add(backend.send(call.route.topic(), r).handle((md, e) -> {
                if (fault.isPresent()) {
                    return failure(fault.get().errorCode(), fault.get().message());
                }
                if (e != null) {
                    return failure(
                            flavour == Flavour.STRIMZI ? KafkaErrors.strimziCode(e) : KafkaErrors.v2Code(e),
                            KafkaErrors.message(e));
                }
                ObjectNode o = mapper.createObjectNode();
                o.put("partition", md.partition());
                o.put("offset", md.offset());
                if (flavour == Flavour.CONFLUENT) {
                    o.putNull("error_code");
                    o.putNull("error");
                }
                return o;
            }));
        }
        ObjectNode response = mapper.createObjectNode();
        ArrayNode offsets = response.putArray("offsets");
        int status = 200;
        for (CompletableFuture<ObjectNode> f : entries) {
            ObjectNode o = f.join();
            offsets.add(o);
            // entities/v2/ProduceResponse.getRequestStatus: auth errors turn the whole answer into 401/403.
            int code = o.path("error_code").asInt(0);
            if (code == 40101 || code == 40301) {
                status = code / 100;
            }
        }
        response.putNull("key_schema_id");
        response.putNull("value_schema_id");
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis()); // the injected slowness itself, not a wait for something
        }
        if (drop) {
            call.log(keys, ReceivedRequest.DROPPED);
            ExchangeIo.drop(call.ex);
            return;
        }
        call.log(keys, status);
        ExchangeIo.respond(call.ex, status, RESPONSE_TYPE, mapper.writeValueAsBytes(response), null);
    }

    /**
     * A failed entry. Confluent: {@code {"partition":null,"offset":null,"error_code":…,"error":…}}; Strimzi:
     * {@code {"error_code":…,"message":…}}.
     */
    private ObjectNode failure(int code, String message) {
        ObjectNode o = mapper.createObjectNode();
        if (flavour == Flavour.STRIMZI) {
            o.put("error_code", flavour.code(code));
            o.put("message", message);
            return o;
        }
        o.putNull("partition");
        o.putNull("offset");
        o.put("error_code", code);
        o.put("error", message);
        return o;
    }

    /** Keys of a body for the request log when a fault answered first; null if it does not parse. */
    List<byte[]> peekKeys(String mediaType, byte[] body) {
        if (!mediaType.equals(BINARY) && !mediaType.equals(JSON)) {
            return null;
        }
        try {
            List<byte[]> keys = new ArrayList<>();
            for (OutgoingRecord r : parse(body, mediaType.equals(BINARY), null)) {
                keys.add(r.key());
            }
            return keys;
        } catch (BadRequestException e) {
            return null;
        }
    }

    private List<OutgoingRecord> parse(byte[] body, boolean binary, Integer pathPartition) throws BadRequestException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException(
                    400, "Unexpected JSON: " + e.getMessage().split("\n", 2)[0]);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException(422, "Request body is empty. Data is required.");
        }
        JsonNode recs = root.get("records");
        if (recs == null || !recs.isArray()) {
            throw new BadRequestException(422, "records must be a JSON array of {key, value, partition}");
        }
        List<OutgoingRecord> out = new ArrayList<>(recs.size());
        for (JsonNode r : recs) {
            if (!r.isObject()) {
                throw new BadRequestException(422, "each record must be a JSON object");
            }
            Integer partition = pathPartition;
            JsonNode p = r.get("partition");
            if (partition == null && p != null && !p.isNull()) {
                if (!p.canConvertToInt() || !p.isIntegralNumber()) {
                    throw new BadRequestException(422, "partition must be an integer");
                }
                partition = p.intValue();
            }
            // v2 has no headers and no timestamp: the proxy stamps CreateTime itself.
            out.add(new OutgoingRecord(
                    partition,
                    bytes(r.get("key"), binary, "key"),
                    bytes(r.get("value"), binary, "value"),
                    List.of(),
                    null));
        }
        return out;
    }

    private byte[] bytes(JsonNode node, boolean binary, String what) throws BadRequestException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!binary) {
            try {
                return mapper.writeValueAsBytes(node); // "sensor-1" keeps its quotes: docs/rest-proxy-contract.md
            } catch (IOException e) {
                throw new BadRequestException(400, what + ": " + e.getMessage());
            }
        }
        if (!node.isTextual()) {
            throw new BadRequestException(400, what + " must be a base64 string in the binary format");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(400, what + " is not valid base64: " + e.getMessage());
        }
    }
}
