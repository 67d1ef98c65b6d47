package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.window.Verdict;

/**
 * One judged window of one sensor as the bridge publishes it on the verdict topic (docs/scoring.md#verdict-events):
 * always for a window that changed the verdict ({@code type = "verdict"}), and for every window when
 * {@code window_events} is on ({@code type = "window"}).
 *
 * @param type      {@code "verdict"} (the verdict changed with this window) or {@code "window"}
 * @param window    index of the window for its sensor since the bridge started, from 0
 * @param firstSeq  lineage seq of the window's first reading
 * @param lastSeq   lineage seq of its last reading (the window's readings are contiguous: gaps break windows)
 * @param startTime sensor time of the first reading, s
 * @param endTime   sensor time of the last reading, s: when the verdict was reached
 * @param recvNs    host receive time of the last reading, Unix epoch ns
 * @param rms       RMS of the window's per-reading scores (window-vector models: the window's score)
 * @param previous  the verdict before this window
 * @param model     the model's file name
 */
public record VerdictEvent(String type, String sensor, String bridge, String bootId, long linkEpoch, long window,
                           long firstSeq, long lastSeq, double startTime, double endTime, long recvNs, double rms,
                           double threshold, boolean exceeds, Verdict verdict, Verdict previous, String model) {
    public static final int SCHEMA = 1;
    public static final String TYPE_VERDICT = "verdict";
    public static final String TYPE_WINDOW = "window";

    public boolean changed() {
        return verdict != previous;
    }
}
