package io.lpmsedge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a verdict topic to its end: each sensor's verdict events, in the order of their windows. */
final class VerdictAudit {
    private final ObjectMapper json = new ObjectMapper();

    Map<String, List<JsonNode>> read(String bootstrapServers, String topic, Duration timeout) throws IOException {
        Map<String, List<JsonNode>> bySensor = new TreeMap<>();
        TopicToEnd.read(bootstrapServers, topic, timeout, r -> {
            JsonNode n = json.readTree(r.value());
            bySensor.computeIfAbsent(n.get("sensor").asText(), k -> new ArrayList<>())
                    .add(n);
        });
        // one partition per sensor keeps order, but a restarted bridge starts a new boot: order by sensor time
        bySensor.values()
                .forEach(l ->
                        l.sort(Comparator.comparingDouble(n -> n.path("endTime").asDouble(Double.NaN))));
        return bySensor;
    }
}
