package io.lpmsedge.record.verdict;

import java.util.Objects;

/**
 * One judged window of one sensor, as a verdict topic carries it (schema {@value #SCHEMA}, docs/scoring.md
 * "Verdict events"). The bridge (live scoring on the Pi) and the cluster score-service both publish this record
 * through {@link VerdictEventJson}, so the two cannot drift apart; {@code lpms-edge fleet} reads both topics with
 * the same class.
 *
 * <p>Every field but {@code source} and {@code window} is a function of the readings and the model, so both
 * producers give the same values for the same window of the same readings.
 *
 * @param source          who judged the window: {@link #SOURCE_BRIDGE} or {@link #SOURCE_SCORE_SERVICE}
 * @param sensor          the sensor's name (also the record key)
 * @param bridge          the bridge that read the window's readings (their lineage)
 * @param bootId          that bridge's boot id (their lineage)
 * @param linkEpoch       the connection the readings arrived on: a window never spans two
 * @param window          index of the window for its sensor since the bridge started, from 0; only the bridge
 *                        counts windows, the score-service (which may start mid-stream) writes {@link #NO_WINDOW}
 * @param firstSeq        lineage seq of the window's first reading
 * @param lastSeq         lineage seq of its last reading (windows are contiguous: a gap breaks a window)
 * @param startTime       sensor time of the first reading, s; NaN when the readings carry none
 * @param endTime         sensor time of the last reading, s (when the verdict was reached); NaN when none
 * @param recvNs          host receive time of the last reading, Unix epoch ns; 0 when the reading carries none
 * @param rms             RMS of the window's per-reading scores (window-vector models: the window's score); NaN
 *                        when the model scored NaN
 * @param threshold       the manifest's threshold; the window exceeds when {@code rms > threshold}
 * @param exceeds         whether this window exceeded
 * @param verdict         {@link #OK} or {@link #FAILURE} after this window
 * @param previousVerdict the verdict before it
 * @param model           the model's file name
 */
public record VerdictEvent(
        String source,
        String sensor,
        String bridge,
        String bootId,
        long linkEpoch,
        long window,
        long firstSeq,
        long lastSeq,
        double startTime,
        double endTime,
        long recvNs,
        double rms,
        double threshold,
        boolean exceeds,
        String verdict,
        String previousVerdict,
        String model) {
    /**
     * The layout written by this code. 2 since both producers share it; a reader also takes schema 1, the two
     * earlier layouts (docs/scoring.md "Verdict events", "Schema 1").
     */
    public static final int SCHEMA = 2;

    public static final String TYPE_VERDICT = "verdict";
    public static final String TYPE_WINDOW = "window";
    public static final String SOURCE_BRIDGE = "bridge";
    public static final String SOURCE_SCORE_SERVICE = "score-service";
    public static final String OK = "OK";
    public static final String FAILURE = "FAILURE";
    /** {@link #window()} of a producer that does not count windows. */
    public static final long NO_WINDOW = -1;

    public VerdictEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(model, "model");
        requireVerdict("verdict", verdict);
        requireVerdict("previousVerdict", previousVerdict);
        if (lastSeq < firstSeq) {
            throw new IllegalArgumentException("lastSeq " + lastSeq + " is before firstSeq " + firstSeq);
        }
        if (window < NO_WINDOW) {
            throw new IllegalArgumentException("window " + window + " is negative (" + NO_WINDOW + " = not counted)");
        }
    }

    private static void requireVerdict(String name, String v) {
        if (!OK.equals(v) && !FAILURE.equals(v)) {
            throw new IllegalArgumentException(
                    name + " is " + (v == null ? "missing" : "'" + v + "'") + ", expected OK or FAILURE");
        }
    }

    /** Whether this window changed the verdict. */
    public boolean changed() {
        return !verdict.equals(previousVerdict);
    }

    /** {@link #TYPE_VERDICT} when this window changed the verdict, else {@link #TYPE_WINDOW} (a window summary). */
    public String type() {
        return changed() ? TYPE_VERDICT : TYPE_WINDOW;
    }

    /** Readings in the window. */
    public long rows() {
        return lastSeq - firstSeq + 1;
    }

    /** Whether {@link #window()} is known (the bridge's events). */
    public boolean hasWindow() {
        return window != NO_WINDOW;
    }
}
