package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.scorer.window.WindowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * One CSV table with a {@code record} column ({@code row} or {@code window}) so rows and windows keep their
 * stream order in one file; cells that do not apply are empty. The summary goes to stderr as JSON.
 */
final class CsvScoreWriter implements ScoreWriter {
    private final Writer out;
    private final PrintWriter err;
    private final int extras;

    CsvScoreWriter(Writer out, PrintWriter err, List<String> extraNames) throws IOException {
        this.out = out;
        this.err = err;
        this.extras = extraNames.size();
        StringBuilder h = new StringBuilder("record,sensor,row,score,window,firstRow,rows,rms,verdict");
        for (String e : extraNames) {
            h.append(',').append(quote(e));
        }
        out.write(h.append('\n').toString());
    }

    @Override
    public void row(String sensor, long row, double score, String[] extraCells) throws IOException {
        StringBuilder b = new StringBuilder("row,")
                .append(quote(sensor))
                .append(',')
                .append(row)
                .append(',')
                .append(score)
                .append(",,,,,");
        for (String c : extraCells) {
            b.append(',').append(quote(c));
        }
        out.write(b.append('\n').toString());
    }

    @Override
    public void window(String sensor, WindowResult w) throws IOException {
        StringBuilder b = new StringBuilder("window,")
                .append(quote(sensor))
                .append(",,,")
                .append(w.window())
                .append(',')
                .append(w.firstRow())
                .append(',')
                .append(w.rows())
                .append(',')
                .append(w.rms())
                .append(',')
                .append(w.verdict().name());
        b.append(",".repeat(extras));
        out.write(b.append('\n').toString());
    }

    @Override
    public void summary(Map<String, Object> summary) throws IOException {
        out.flush();
        err.println(new ObjectMapper().writeValueAsString(Map.of("summary", summary)));
        err.flush();
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
                ? s
                : '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
