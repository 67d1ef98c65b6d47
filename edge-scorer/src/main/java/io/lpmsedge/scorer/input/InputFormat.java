package io.lpmsedge.scorer.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The input files {@code score}, {@code calibrate} and {@code train} read, told apart by name and first line. */
public enum InputFormat {
    /** Raw LP-BUS bytes starting with a GET_CONFIG reply (sensor, simulator or serial sniffer). */
    CAPTURE,
    /** One JSON reading per line: {@code lpms-edge decode} output or the bridge's records with lineage. */
    BRIDGE_JSONL,
    /** LP-RESEARCH LpmsControl's CSV export ({@code SensorId, TimeStamp (s), FrameNumber, AccX (g), …}). */
    LPMSCONTROL_CSV,
    /** A CSV whose header names the model's columns, values already in model units. */
    COLUMN_CSV;

    public static InputFormat detect(Path file) throws InputException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return BRIDGE_JSONL;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            String header = firstLine(file);
            return header.contains("SensorId") && header.contains("TimeStamp") ? LPMSCONTROL_CSV : COLUMN_CSV;
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Captures start with 0x3A (':'), JSON with '{': files named .bin/.log/none are sniffed.
            return in.read() == '{' ? BRIDGE_JSONL : CAPTURE;
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    private static String firstLine(Path file) throws InputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }
}
