package io.lpmsedge.scorer.command;

import io.lpmsedge.scorer.window.WindowResult;
import java.io.IOException;
import java.util.Map;

/** The score command's output format: rows and windows in stream order, then a summary. */
interface ScoreWriter extends AutoCloseable {
    void row(String sensor, long row, double score, String[] extras) throws IOException;

    void window(String sensor, WindowResult w) throws IOException;

    void summary(Map<String, Object> summary) throws IOException;

    @Override
    void close() throws IOException;
}
