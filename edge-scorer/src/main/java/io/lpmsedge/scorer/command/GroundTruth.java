package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's ground truth ({@code lpms-edge sim --truth FILE}), read without depending on the simulator:
 * JSON Lines {@code {"sensorId":1,"tick":800,"t":2.0,"state":"FAILURE","mode":"bearing","severity":0.4}}, one
 * object at the start and one per change of a sensor's machine state. {@code t} is sensor seconds since the
 * simulation started, {@code tick} the LP-BUS timestamp stamped at that moment.
 */
record GroundTruth(Map<Integer, List<Change>> bySensor) {
    /** Seconds per tick of the 400 Hz LP-BUS timestamp. */
    static final double TICK_SECONDS = 1.0 / 400;

    /**
     * @param failure  {@code state == "FAILURE"}
     * @param mode     {@code ok}, {@code bearing}, {@code backlash}, {@code loose-mount}, {@code gyro-drift}
     */
    record Change(int sensorId, long tick, double t, boolean failure, String mode, double severity) {
        /** The time on the decoder's clock (tick seconds), which is what a window's start/end times are on. */
        double sensorClock() {
            return tick * TICK_SECONDS;
        }

        DetectionReport.Phase phase() {
            return new DetectionReport.Phase(sensorClock(), t, failure, mode, severity);
        }
    }

    static GroundTruth read(Path file) throws BadInputException {
        ObjectMapper json = new ObjectMapper();
        Map<Integer, List<Change>> bySensor = new TreeMap<>();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Change c = parse(json, line, file, lineNo);
                bySensor.computeIfAbsent(c.sensorId(), id -> new ArrayList<>()).add(c);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read ground truth '" + file + "': no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read ground truth '" + file + "': " + e.getMessage());
        }
        if (bySensor.isEmpty()) {
            throw new BadInputException("ground truth '" + file + "' is empty; write it with 'lpms-edge sim --out "
                    + "CAPTURE --truth FILE …'");
        }
        bySensor.values().forEach(l -> l.sort(Comparator.comparingDouble(Change::t)));
        return new GroundTruth(bySensor);
    }

    private static Change parse(ObjectMapper json, String line, Path file, int lineNo) throws BadInputException {
        String where = "ground truth '" + file + "' line " + lineNo;
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + " is not JSON: " + e.getOriginalMessage());
        }
        for (String key : new String[] {"sensorId", "tick", "t", "state", "mode"}) {
            if (n == null || !n.hasNonNull(key)) {
                throw new BadInputException(where + " has no '" + key + "'; expected the simulator's truth lines "
                        + "{\"sensorId\":1,\"tick\":800,\"t\":2.0,\"state\":\"FAILURE\",\"mode\":\"bearing\","
                        + "\"severity\":0.4}");
            }
        }
        String state = n.get("state").asText();
        if (!state.equals("OK") && !state.equals("FAILURE")) {
            throw new BadInputException(where + ": state must be OK or FAILURE, got '" + state + "'");
        }
        return new Change(
                n.get("sensorId").asInt(),
                n.get("tick").asLong(),
                n.get("t").asDouble(),
                state.equals("FAILURE"),
                n.get("mode").asText(),
                n.path("severity").asDouble(0));
    }
}
