package io.lpmsedge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sensor's verdict changes (from the bridge on the Pi, or the cluster score-service) against the
 * simulator's ground truth: when the fault began and ended on the sensor's clock, when FAILURE was reached, when
 * OK came back, and any FAILURE outside the fault.
 *
 * @param faultStart sensor-clock seconds (LP-BUS ticks / 400) of the fault's onset, NaN if the truth has none
 * @param faultEnd   sensor-clock seconds when the machine was healthy again, NaN if it never was
 * @param detectedAt endTime of the first FAILURE window after onset, NaN if missed
 * @param clearedAt  endTime of the first OK window after the fault ended, NaN if not seen
 * @param falseAlarms FAILURE verdicts reached before the onset, or after the fault ended and OK had returned
 */
public record VerdictTimeline(
        String sensor,
        String failure,
        double faultStart,
        double faultEnd,
        double detectedAt,
        double clearedAt,
        int falseAlarms,
        List<String> changes) {
    /** Seconds per tick of the LP-BUS timestamp: the clock verdict windows are timed on. */
    static final double TICK_SECONDS = 1.0 / 400;

    public VerdictTimeline {
        changes = List.copyOf(changes);
    }

    public boolean detected() {
        return !Double.isNaN(detectedAt);
    }

    public double delay() {
        return detectedAt - faultStart;
    }

    /** Fault onset and end per simulator sensor id, from the truth file's phase changes. */
    record Fault(double start, double end) {}

    static Map<Integer, Fault> faults(Path truthFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Integer, Fault> out = new TreeMap<>();
        for (String line : Files.readAllLines(truthFile)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            int id = n.get("sensorId").asInt();
            double clock = n.get("tick").asLong() * TICK_SECONDS;
            boolean failing = n.get("state").asText().equals("FAILURE");
            Fault f = out.getOrDefault(id, new Fault(Double.NaN, Double.NaN));
            if (failing && Double.isNaN(f.start())) {
                out.put(id, new Fault(clock, Double.NaN));
            } else if (!failing && !Double.isNaN(f.start()) && Double.isNaN(f.end())) {
                out.put(id, new Fault(f.start(), clock));
            } else {
                out.putIfAbsent(id, f);
            }
        }
        return out;
    }

    /**
     * @param events this sensor's verdict events in order ({@code type == "verdict"}; window summaries ignored)
     */
    static VerdictTimeline of(String sensor, String failure, Fault fault, List<JsonNode> events) {
        double detected = Double.NaN;
        double cleared = Double.NaN;
        int falseAlarms = 0;
        List<String> changes = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"verdict".equals(e.path("type").asText("verdict"))) {
                continue;
            }
            String verdict = e.get("verdict").asText();
            double at = e.path("endTime").asDouble(Double.NaN);
            changes.add(String.format(Locale.ROOT, "%s at %.1f s", verdict, at));
            if (verdict.equals("FAILURE")) {
                boolean inFault = at >= fault.start() && (Double.isNaN(fault.end()) || at <= fault.end());
                if (inFault && Double.isNaN(detected)) {
                    detected = at;
                } else if (!inFault && !(at > fault.end() && Double.isNaN(cleared))) {
                    // before the onset, or a new FAILURE after OK had come back: a false alarm; a FAILURE just
                    // after the repair with no OK in between is the exit hysteresis, not a new alarm
                    falseAlarms++;
                }
            } else if (verdict.equals("OK")
                    && !Double.isNaN(fault.end())
                    && at >= fault.end()
                    && Double.isNaN(cleared)) {
                cleared = at;
            }
        }
        return new VerdictTimeline(
                sensor, failure, fault.start(), fault.end(), detected, cleared, falseAlarms, changes);
    }
}
