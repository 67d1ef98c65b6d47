package io.lpmsedge.scorer.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON Lines of readings: {@code lpms-edge decode} output (reply frames, which have no {@code ticks}, are
 * skipped) and the bridge's records, which add {@code sensor}, {@code bootId}, {@code seq}, {@code linkEpoch}
 * (and {@code bridge}). Output keys are {@link Output#key()}; vectors are arrays, scalars numbers.
 */
final class BridgeJsonlReader {
    private final ObjectMapper json = new ObjectMapper();

    void read(Path file, RecordSink sink) throws InputException {
        Sample sample = new Sample();
        long row = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InputException("'" + file + "' line " + lineNo + " is not JSON: "
                            + e.getOriginalMessage() + "; expected one reading object per line");
                }
                if (!n.isObject() || !n.has("ticks")) {
                    continue;
                }
                sample.clear();
                for (Output o : Output.values()) {
                    JsonNode v = n.get(o.key());
                    if (v == null || v.isNull()) {
                        continue;
                    }
                    if (o.components() == 1 && v.isNumber()) {
                        sample.set(o, 0, v.doubleValue());
                    } else if (v.isArray() && v.size() == o.components()) {
                        for (int i = 0; i < o.components(); i++) {
                            sample.set(o, i, v.get(i).asDouble(Double.NaN));
                        }
                    } else {
                        throw new InputException("'" + file + "' line " + lineNo + ": '" + o.key() + "' should be "
                                + (o.components() == 1 ? "a number" : "an array of " + o.components() + " numbers"));
                    }
                }
                long ticks = n.get("ticks").asLong();
                double t = n.has("t") ? n.get("t").asDouble() : Double.NaN;
                int sensorId = n.path("sensorId").asInt(0);
                sample.header(sensorId, ticks, t, 0);
                String sensor = n.has("sensor") ? n.get("sensor").asText() : Integer.toString(sensorId);
                sink.reading(row++, sensor, sample, t, lineage(n, sensor));
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    /** Lineage only when the record carries the dedupe key; decode output has none. */
    private static Lineage lineage(JsonNode n, String sensor) {
        if (!n.has("seq") || !n.has("bootId")) {
            return null;
        }
        return new Lineage(n.path("bridge").asText(""), sensor, n.get("bootId").asText(), n.get("seq").asLong(),
                n.path("linkEpoch").asLong(0));
    }
}
