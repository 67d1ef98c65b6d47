package io.lpmsedge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a readings topic back from the broker, as a data scientist's consumer would, and accounts for every
 * reading per sensor by its dedupe key {@code (sensor, bootId, seq)}: distinct, duplicates, and holes in each
 * boot's seq run (a hole is a reading the bridge received and the cluster never got).
 */
public final class TopicAudit {
    private final ObjectMapper json = new ObjectMapper();

    /** What arrived for one sensor. */
    public record SensorCount(long distinct, long duplicates, long holes, long records, long wrongKey) {}

    /** Per bootId: the seqs seen, as a bit set; sequences are dense from 0 so this stays small. */
    private static final class BootSeqs {
        final java.util.BitSet seen = new java.util.BitSet();
        long duplicates;
    }

    public Map<String, SensorCount> audit(String bootstrapServers, String topic, Duration timeout) throws IOException {
        Map<String, Map<String, BootSeqs>> bySensor = new TreeMap<>();
        Map<String, Long> records = new HashMap<>();
        Map<String, Long> wrongKey = new HashMap<>();
        TopicToEnd.read(bootstrapServers, topic, timeout, r -> {
            JsonNode v = json.readTree(r.value());
            String sensor = v.get("sensor").asText();
            records.merge(sensor, 1L, Long::sum);
            if (!sensor.equals(r.key())) {
                wrongKey.merge(sensor, 1L, Long::sum);
            }
            BootSeqs seqs = bySensor.computeIfAbsent(sensor, k -> new HashMap<>())
                    .computeIfAbsent(v.get("bootId").asText(), k -> new BootSeqs());
            int seq = Math.toIntExact(v.get("seq").asLong());
            if (seqs.seen.get(seq)) {
                seqs.duplicates++;
            } else {
                seqs.seen.set(seq);
            }
        });
        Map<String, SensorCount> out = new TreeMap<>();
        bySensor.forEach((sensor, boots) -> {
            long distinct = 0;
            long duplicates = 0;
            long holes = 0;
            for (BootSeqs b : boots.values()) {
                distinct += b.seen.cardinality();
                duplicates += b.duplicates;
                holes += b.seen.length() - b.seen.cardinality();
            }
            out.put(
                    sensor,
                    new SensorCount(
                            distinct, duplicates, holes, records.get(sensor), wrongKey.getOrDefault(sensor, 0L)));
        });
        return out;
    }
}
