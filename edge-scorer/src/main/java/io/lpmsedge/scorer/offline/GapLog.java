package io.lpmsedge.scorer.offline;

import io.lpmsedge.scorer.window.Continuity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every gap an input had, counted by kind, with the readings of the open windows it dropped; the first
 * {@value #LINES} are printed as they happen (file, sensor, row, time), then a count, so a jittery or lossy
 * recording is never shortened silently.
 */
public final class GapLog {
    /** Gap lines printed before only counting: enough to see a pattern, never a flood. */
    static final int LINES = 20;

    private final PrintWriter err;
    private final Map<Continuity, Long> byKind = new EnumMap<>(Continuity.class);
    private long gaps;
    private long droppedWindows;
    private long droppedReadings;

    /** @param err where gap lines go; {@code null} to count only */
    public GapLog(PrintWriter err) {
        this.err = err;
    }

    void gap(Path input, String sensor, long row, double time, Continuity kind, int droppedRows) {
        gaps++;
        byKind.merge(kind, 1L, Long::sum);
        if (droppedRows > 0) {
            droppedWindows++;
            droppedReadings += droppedRows;
        }
        if (err != null && gaps <= LINES) {
            err.println(String.format(
                    Locale.ROOT,
                    "gap: '%s' sensor %s before row %d%s: %s; %s",
                    input.getFileName(),
                    sensor,
                    row,
                    Double.isNaN(time) ? "" : String.format(Locale.ROOT, " (t %.3f s)", time),
                    kind.label(),
                    droppedRows > 0
                            ? "an open window of " + droppedRows + " readings dropped"
                            : "no reading dropped (a window had just closed)"));
            if (gaps == LINES) {
                err.println("gap: further gaps are only counted");
            }
        }
    }

    public long gaps() {
        return gaps;
    }

    /** Partial windows a gap closed before they were full: never judged. */
    public long droppedWindows() {
        return droppedWindows;
    }

    public long droppedReadings() {
        return droppedReadings;
    }

    /** Gap counts by kind label ({@code tick_gap}, {@code frame_gap}, …). */
    public Map<String, Long> byKind() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        byKind.forEach((k, v) -> m.put(k.label(), v));
        return m;
    }

    /** One line of totals, when there was anything (stderr stays quiet for a clean input). */
    public void printTotals(String what, long timeJumpsBridged) {
        if (err == null || (gaps == 0 && timeJumpsBridged == 0)) {
            return;
        }
        err.println(String.format(
                Locale.ROOT,
                "%s: %d gaps %s, %d partial windows dropped (%d readings)%s",
                what,
                gaps,
                byKind(),
                droppedWindows,
                droppedReadings,
                timeJumpsBridged == 0
                        ? ""
                        : "; " + timeJumpsBridged + " timestamp jumps between contiguous frames were not gaps"));
        err.flush();
    }
}
