package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.scorer.window.WindowResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's ground truth ({@code lpms-edge sim --truth FILE}), read without depending on the simulator:
 * JSON Lines {@code {"sensorId":1,"tick":800,"t":2.0,"state":"FAILURE","mode":"bearing","severity":0.4}}, one
 * object at the start and one per change of a sensor's machine state. {@code t} is sensor seconds since the
 * simulation started, {@code tick} the LP-BUS timestamp stamped at that moment.
 *
 * <p>Every way a truth file can be wrong is a {@link BadInputException} naming {@code file:line}, what is wrong and
 * the fix: unreadable, empty, not text, not JSON, a missing or mistyped field ({@link TruthLine}); and, against the
 * capture ({@link #phasesFor}), a sensor the capture does not have or a time range it does not overlap.
 *
 * @param file     where it was read from, for messages
 * @param bySensor each sensor's changes in time order, ticks unwrapped past 2<sup>32</sup>
 */
record GroundTruth(Path file, Map<Integer, List<Change>> bySensor) {
    /** Seconds per tick of the 400 Hz LP-BUS timestamp. */
    static final double TICK_SECONDS = 1.0 / 400;

    private static final long TICK_RANGE = 1L << 32;

    /**
     * @param tick    the timestamp counter unwrapped: past a wrap of the 32-bit counter it goes on counting, as the
     *                decoder's sensor time does
     * @param failure {@code state == "FAILURE"}
     * @param mode    {@code ok}, {@code bearing}, {@code backlash}, {@code loose-mount}, {@code gyro-drift}
     * @param line    the line of the truth file it came from
     */
    record Change(int sensorId, long tick, double t, boolean failure, String mode, double severity, int line) {
        /** The time on the decoder's clock (tick seconds), which is what a window's start/end times are on. */
        double sensorClock() {
            return tick * TICK_SECONDS;
        }

        DetectionReport.Phase phase() {
            return new DetectionReport.Phase(sensorClock(), t, failure, mode, severity);
        }
    }

    static GroundTruth read(Path file) throws BadInputException {
        String cannot = "cannot read ground truth '" + file + "': ";
        String writeIt = "; write it with the capture: 'lpms-edge sim --out CAPTURE --truth " + file + " …'";
        if (Files.isDirectory(file)) {
            throw new BadInputException(cannot + "it is a directory; pass the truth file itself (lpms-edge sim --truth "
                    + "FILE wrote it)");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(cannot + "no such file" + writeIt, e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(cannot + "permission denied", e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(
                    "ground truth " + file + ":" + (lines.size() + 1) + ": not UTF-8 text, so not the "
                            + "simulator's truth (JSON Lines); is it a capture? Pass a capture as --capture and its truth "
                            + "(lpms-edge sim --truth FILE) as --truth");
        } catch (IOException e) {
            throw new BadInputException(cannot + e.getMessage(), e);
        }
        ObjectMapper json = new ObjectMapper();
        Map<Integer, List<Change>> bySensor = new TreeMap<>();
        int lastLine = lines.size();
        while (lastLine > 0 && lines.get(lastLine - 1).isBlank()) {
            lastLine--;
        }
        for (int i = 0; i < lastLine; i++) {
            if (!lines.get(i).isBlank()) {
                Change c = TruthLine.parse(json, lines.get(i), file, i + 1, i + 1 == lastLine);
                bySensor.computeIfAbsent(c.sensorId(), id -> new ArrayList<>()).add(c);
            }
        }
        if (bySensor.isEmpty()) {
            throw new BadInputException("ground truth '" + file + "' is empty"
                    + (lines.isEmpty() ? "" : " (" + lines.size() + " blank lines)")
                    + "; the simulator writes its first line as it starts" + writeIt);
        }
        Map<Integer, List<Change>> unwrapped = new TreeMap<>();
        bySensor.forEach((id, changes) -> unwrapped.put(id, unwrap(changes)));
        return new GroundTruth(file, unwrapped);
    }

    /**
     * In time order, with the 32-bit timestamp unwrapped the way the decoder unwraps a stream's ticks: a tick below
     * the one before it has wrapped (a run with {@code --start-tick} near 2<sup>32</sup>). Without this a change
     * after the wrap would lie ~124 days before the capture's windows and judge none of them.
     */
    private static List<Change> unwrap(List<Change> changes) {
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparingDouble(Change::t));
        List<Change> out = new ArrayList<>(sorted.size());
        long wraps = 0;
        long previous = Long.MIN_VALUE;
        for (Change c : sorted) {
            long tick = c.tick() + wraps * TICK_RANGE;
            if (tick < previous) {
                wraps++;
                tick += TICK_RANGE;
            }
            previous = tick;
            out.add(new Change(c.sensorId(), tick, c.t(), c.failure(), c.mode(), c.severity(), c.line()));
        }
        return out;
    }

    /**
     * Each truth sensor's phases, keyed as the capture keys its sensors (the LP-BUS id), checked against the
     * capture's windows of that sensor.
     *
     * @throws BadInputException the capture has no readings of a truth sensor, has no time to place the truth on,
     *                           ends before the truth starts, or a fault starts after the capture's end: a truth of
     *                           another run (another --id, --start-tick or length)
     */
    Map<String, List<DetectionReport.Phase>> phasesFor(Map<String, List<WindowResult>> windows, Path capture)
            throws BadInputException {
        String sameRun = "; pass the truth written by the same run as the capture ('lpms-edge sim --out CAPTURE "
                + "--truth TRUTH …')";
        Map<String, List<DetectionReport.Phase>> phases = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Change>> e : bySensor.entrySet()) {
            String sensor = Integer.toString(e.getKey());
            List<Change> changes = e.getValue();
            Change first = changes.get(0);
            List<WindowResult> ws = windows.get(sensor);
            if (ws == null || ws.isEmpty()) {
                throw new BadInputException("ground truth " + file + ":" + first.line() + " is about sensor " + sensor
                        + " but '" + capture.getFileName() + "' has no windows of it (sensors there: "
                        + windows.keySet() + "; the truth's sensorId is the LP-BUS id, lpms-edge sim --id)" + sameRun);
            }
            WindowResult last = ws.get(ws.size() - 1);
            if (Double.isNaN(ws.get(0).startTime())) {
                if (changes.size() > 1) {
                    throw new BadInputException("'" + capture.getFileName() + "' has no sensor time, so the changes "
                            + "of ground truth '" + file + "' cannot be placed on it; replay the capture itself "
                            + "(lpms-edge sim --out) or a JSON Lines recording of it");
                }
            } else if (last.endTime() < first.sensorClock()) {
                throw new BadInputException(String.format(
                        Locale.ROOT,
                        "ground truth %s:%d starts at sensor time %.2f s (tick %d) but sensor %s's windows in '%s' "
                                + "span %.2f–%.2f s: they do not overlap%s",
                        file,
                        first.line(),
                        first.sensorClock(),
                        first.tick(),
                        sensor,
                        capture.getFileName(),
                        ws.get(0).startTime(),
                        last.endTime(),
                        sameRun));
            } else {
                requireFaultsInside(changes, last, sensor, capture, sameRun);
            }
            phases.put(sensor, changes.stream().map(Change::phase).toList());
        }
        return phases;
    }

    /**
     * A fault that starts later than one window after the capture's last window is not a missed fault but a truth
     * that does not belong to this capture (or a capture cut short); judging it "missed" would be a false report.
     */
    private void requireFaultsInside(
            List<Change> changes, WindowResult last, String sensor, Path capture, String sameRun)
            throws BadInputException {
        double slack = last.endTime() - last.startTime();
        for (Change c : changes) {
            if (c.failure() && c.sensorClock() > last.endTime() + slack) {
                throw new BadInputException(String.format(
                        Locale.ROOT,
                        "ground truth %s:%d: sensor %s's %s fault starts at sensor time %.2f s (t %.1f s), after "
                                + "'%s' ends at %.2f s, so it cannot be judged; is the capture cut short, or the "
                                + "truth of a longer run?%s",
                        file,
                        c.line(),
                        sensor,
                        c.mode(),
                        c.sensorClock(),
                        c.t(),
                        capture.getFileName(),
                        last.endTime(),
                        sameRun));
            }
        }
    }
}
