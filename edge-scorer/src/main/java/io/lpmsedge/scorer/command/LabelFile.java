package io.lpmsedge.scorer.command;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.scorer.input.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fault intervals of a real recording, as an operator or a maintenance log knows them: a CSV
 * {@code start,end,label[,sensor]} with times in seconds on the input's own clock (the {@code TimeStamp} of an
 * LpmsControl export, the {@code t} of decoded JSON, the {@code startTime}/{@code endTime} that {@code score}
 * prints), or {@code startRow,endRow,label[,sensor]} with the input's row numbers (the {@code row} that
 * {@code score} prints). Every interval is a fault; everything else is normal. Without {@code sensor} an
 * interval applies to every sensor. {@code #} starts a comment line.
 */
record LabelFile(boolean byRow, List<Interval> intervals) {
    /** @param sensor {@code null}: every sensor */
    record Interval(double start, double end, String label, String sensor, int line) {}

    static LabelFile read(Path file) throws BadInputException {
        List<Interval> intervals = new ArrayList<>();
        Boolean byRow = null;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                List<String> cells = CsvLine.split(line);
                if (byRow == null) {
                    byRow = header(cells, file, lineNo);
                    continue;
                }
                intervals.add(interval(cells, file, lineNo));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read label file '" + file + "': no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read label file '" + file + "': " + e.getMessage());
        }
        if (byRow == null) {
            throw new BadInputException("label file '" + file + "' is empty; write a header 'start,end,label' "
                    + "(seconds) or 'startRow,endRow,label' (rows) and one line per fault interval");
        }
        intervals.sort(Comparator.comparingDouble(Interval::start));
        for (int i = 1; i < intervals.size(); i++) {
            Interval a = intervals.get(i - 1);
            Interval b = intervals.get(i);
            if (b.start() < a.end()
                    && (a.sensor() == null || b.sensor() == null || a.sensor().equals(b.sensor()))) {
                throw new BadInputException(String.format(
                        Locale.ROOT,
                        "label file '%s' line %d: interval %s-%s "
                                + "overlaps line %d's %s-%s; merge them into one fault interval",
                        file,
                        b.line(),
                        num(b.start()),
                        num(b.end()),
                        a.line(),
                        num(a.start()),
                        num(a.end())));
            }
        }
        return new LabelFile(byRow, List.copyOf(intervals));
    }

    private static boolean header(List<String> cells, Path file, int lineNo) throws BadInputException {
        String h = String.join(",", cells).replace(" ", "").toLowerCase(Locale.ROOT);
        if (h.equals("start,end,label") || h.equals("start,end,label,sensor")) {
            return false;
        }
        if (h.equals("startrow,endrow,label") || h.equals("startrow,endrow,label,sensor")) {
            return true;
        }
        throw new BadInputException("label file '" + file + "' line " + lineNo + ": header '" + String.join(",", cells)
                + "' is neither 'start,end,label[,sensor]' (seconds on the input's clock) nor "
                + "'startRow,endRow,label[,sensor]' (row numbers as score prints them)");
    }

    private static Interval interval(List<String> cells, Path file, int lineNo) throws BadInputException {
        String where = "label file '" + file + "' line " + lineNo;
        if (cells.size() < 3 || cells.size() > 4) {
            throw new BadInputException(where + " has " + cells.size() + " cells; write start,end,label[,sensor], "
                    + "e.g. 120.5,240,bearing");
        }
        double start;
        double end;
        try {
            start = Double.parseDouble(cells.get(0).strip());
            end = Double.parseDouble(cells.get(1).strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(
                    where + ": start and end must be numbers, got '" + cells.get(0) + "' and '" + cells.get(1) + "'");
        }
        if (!(start < end) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new BadInputException(where + ": start " + cells.get(0).strip() + " must be before end "
                    + cells.get(1).strip());
        }
        String sensor =
                cells.size() == 4 && !cells.get(3).isBlank() ? cells.get(3).strip() : null;
        return new Interval(start, end, cells.get(2).strip(), sensor, lineNo);
    }

    /** The phases of one sensor: normal from the beginning, then each of its fault intervals and normal after. */
    List<DetectionReport.Phase> phases(String sensor) {
        List<DetectionReport.Phase> out = new ArrayList<>();
        out.add(new DetectionReport.Phase(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, false, "ok", 0));
        for (Interval i : intervals) {
            if (i.sensor() == null || i.sensor().equals(sensor)) {
                out.add(new DetectionReport.Phase(i.start(), i.start(), true, i.label(), 0));
                out.add(new DetectionReport.Phase(i.end(), i.end(), false, "ok", 0));
            }
        }
        return out;
    }

    /** Sensors the file names (to check they exist in the input). */
    List<String> sensors() {
        return intervals.stream()
                .map(Interval::sensor)
                .filter(s -> s != null)
                .distinct()
                .toList();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
