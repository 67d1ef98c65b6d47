package io.lpmsedge.scorer.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ReadingJsonDecoder decoder = new ReadingJsonDecoder();

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
                    throw new InputException("'" + file + "' line " + lineNo + " is not JSON: " + e.getOriginalMessage()
                            + "; expected one reading object per line");
                }
                try {
                    if (!decoder.decode(n, sample)) {
                        continue;
                    }
                } catch (IllegalArgumentException e) {
                    throw new InputException("'" + file + "' line " + lineNo + ": " + e.getMessage());
                }
                String sensor = ReadingJsonDecoder.sensor(n);
                sink.reading(row++, sensor, sample, sample.sensorTime(), ReadingJsonDecoder.lineage(n, sensor));
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }
}
