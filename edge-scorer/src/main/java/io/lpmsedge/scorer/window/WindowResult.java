package io.lpmsedge.scorer.window;

/**
 * One closed window of one sensor.
 *
 * @param window   index of this window for its sensor, from 0
 * @param firstRow row id of the window's first reading (file row offline, lineage seq live)
 * @param rows     readings in the window (always the configured size: partial windows are never judged)
 * @param startTime sensor time of the first reading, seconds (NaN when the input has no time)
 * @param endTime   sensor time of the last reading: when the verdict was reached, for replay's detection delay
 * @param rms      RMS of the per-reading scores; for window-vector models the window's own score
 * @param exceeds  {@code rms > threshold}
 * @param verdict  the sensor's verdict after this window
 * @param changed  whether this window changed the verdict (the event the bridge publishes)
 */
public record WindowResult(
        long window,
        long firstRow,
        int rows,
        double startTime,
        double endTime,
        double rms,
        boolean exceeds,
        Verdict verdict,
        boolean changed) {}
