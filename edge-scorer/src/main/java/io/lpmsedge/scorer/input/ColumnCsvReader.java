package io.lpmsedge.scorer.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV whose header names the model's columns (any order); other columns (labels, timestamps) are passed
 * through as text. Values must already be in the model's units: no manifest conversion applies.
 */
public final class ColumnCsvReader {
    private final List<String> columns;

    public ColumnCsvReader(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The names of the passed-through columns of {@code file}, in file order. */
    public static List<String> extraColumns(Path file, List<String> columns) throws InputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            List<String> extras = new ArrayList<>();
            if (header != null) {
                for (String h : CsvLine.split(header)) {
                    if (!columns.contains(h)) {
                        extras.add(h);
                    }
                }
            }
            return extras;
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    void read(Path file, RecordSink sink) throws InputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = r.readLine();
            if (headerLine == null) {
                throw new InputException(
                        "CSV '" + file + "' is empty; it needs a header naming the model's columns " + columns);
            }
            List<String> header = CsvLine.split(headerLine);
            int[] at = new int[columns.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                at[i] = header.indexOf(columns.get(i));
                if (at[i] < 0) {
                    missing.add(columns.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new InputException("CSV '" + file + "' has no column " + missing + "; the model needs " + columns
                        + " and the header has " + header);
            }
            List<Integer> extraAt = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!columns.contains(header.get(i))) {
                    extraAt.add(i);
                }
            }
            double[] features = new double[at.length];
            String[] extras = new String[extraAt.size()];
            String line;
            long row = 0;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = CsvLine.split(line);
                for (int i = 0; i < at.length; i++) {
                    String cell = at[i] < cells.size() ? cells.get(at[i]) : "";
                    try {
                        features[i] = CsvLine.number(cell);
                    } catch (NumberFormatException e) {
                        throw new InputException("CSV '" + file + "' line " + lineNo + ", column '" + columns.get(i)
                                + "': '" + cell + "' is not a number");
                    }
                }
                for (int i = 0; i < extras.length; i++) {
                    int c = extraAt.get(i);
                    extras[i] = c < cells.size() ? cells.get(c) : "";
                }
                sink.columns(row++, features, extras);
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }
}
