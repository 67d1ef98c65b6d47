package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a ground-truth file to a {@link GroundTruth.Change}, or a {@link BadInputException} saying
 * {@code file:line}, what is wrong with it and what to pass instead. Only the simulator writes these files, so a
 * line that is not its format is nearly always another file passed as {@code --truth} (a capture, a label CSV) or
 * a truth cut short by a killed simulator; the messages say which it looks like.
 */
final class TruthLine {
    static final String EXAMPLE =
            "{\"sensorId\":1,\"tick\":800,\"t\":2.0,\"state\":\"FAILURE\",\"mode\":\"bearing\",\"severity\":0.4}";
    private static final String FORMAT =
            "; each line is one object as 'lpms-edge sim --truth' writes it, e.g. " + EXAMPLE;
    private static final long TICK_RANGE = 1L << 32;

    private TruthLine() {}

    /**
     * @param last whether this is the file's last non-blank line (a line cut short there is a truncated file)
     */
    static GroundTruth.Change parse(ObjectMapper json, String line, Path file, int lineNo, boolean last)
            throws BadInputException {
        String where = "ground truth " + file + ":" + lineNo + ": ";
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (JsonEOFException e) {
            throw new BadInputException(where + "the line ends inside an object"
                    + (last
                            ? " (the simulator was stopped while writing it?); delete that last line or run the "
                                    + "simulation again"
                            : FORMAT));
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    where + "not JSON (" + withoutLocation(e.getOriginalMessage()) + ")" + lookalike(line) + FORMAT);
        }
        if (n == null || !n.isObject()) {
            throw new BadInputException(where + "a JSON "
                    + (n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT))
                    + ", not an object" + FORMAT);
        }
        List<String> missing = new ArrayList<>();
        for (String key : new String[] {"sensorId", "tick", "t", "state", "mode"}) {
            if (!n.hasNonNull(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            List<String> has = new ArrayList<>();
            n.fieldNames().forEachRemaining(has::add);
            throw new BadInputException(where + "no "
                    + String.join(", ", missing.stream().map(k -> "'" + k + "'").toList())
                    + " (it has " + (has.isEmpty() ? "no fields" : String.join(", ", has)) + ")" + FORMAT);
        }
        JsonNode id = n.get("sensorId");
        if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
            throw new BadInputException(where + "'sensorId' is " + id + ", not a sensor's LP-BUS id (a whole number "
                    + "such as 1)" + FORMAT);
        }
        JsonNode tick = n.get("tick");
        if (!tick.isIntegralNumber() || !tick.canConvertToLong() || tick.asLong() < 0 || tick.asLong() >= TICK_RANGE) {
            throw new BadInputException(where + "'tick' is " + tick + ", not the sensor's 32-bit timestamp counter "
                    + "(a whole number from 0 to 4294967295)" + FORMAT);
        }
        JsonNode t = n.get("t");
        if (!t.isNumber() || !Double.isFinite(t.asDouble()) || t.asDouble() < 0) {
            throw new BadInputException(where + "'t' is " + t + ", not seconds since the simulation started (a "
                    + "number, 0 or more)" + FORMAT);
        }
        JsonNode state = n.get("state");
        if (!state.isTextual()
                || !(state.asText().equals("OK") || state.asText().equals("FAILURE"))) {
            throw new BadInputException(where + "'state' is " + state + "; write \"OK\" or \"FAILURE\"");
        }
        JsonNode mode = n.get("mode");
        if (!mode.isTextual() || mode.asText().isBlank()) {
            throw new BadInputException(where + "'mode' is " + mode + ", not a machine state's name (ok, bearing, "
                    + "backlash, loose-mount, gyro-drift)" + FORMAT);
        }
        JsonNode severity = n.path("severity");
        if (!severity.isMissingNode()
                && !severity.isNull()
                && (!severity.isNumber() || !(severity.asDouble() >= 0 && severity.asDouble() <= 1))) {
            throw new BadInputException(where + "'severity' is " + severity + ", not a number from 0 to 1" + FORMAT);
        }
        return new GroundTruth.Change(
                id.asInt(),
                tick.asLong(),
                t.asDouble(),
                state.asText().equals("FAILURE"),
                mode.asText(),
                severity.asDouble(0),
                lineNo);
    }

    /** Jackson's message without the "at [Source: …; line: 1, column: 9]" part (the line is named already). */
    private static String withoutLocation(String message) {
        int at = message.indexOf("\n at [Source");
        String m = at >= 0 ? message.substring(0, at) : message;
        int marker = m.indexOf(" (start marker at [Source");
        return (marker >= 0 ? m.substring(0, marker) : m).strip();
    }

    /** What another file passed as {@code --truth} looks like, to name it. */
    private static String lookalike(String line) {
        String s = line.strip();
        if (s.startsWith(":")) {
            return "; it looks like an LP-BUS capture: pass it as --capture, and its truth (lpms-edge sim --truth) "
                    + "as --truth";
        }
        if (!s.startsWith("{") && s.contains(",")) {
            return "; it looks like CSV: fault intervals of a recording (start,end,label) go to --labels, not --truth";
        }
        return "";
    }
}
