package io.lpmsedge.scorer.window;

/**
 * What a {@link WindowScorer} reports, on the caller's thread, synchronously. The live bridge needs only
 * {@link #onWindow} (and usually only windows with {@link WindowResult#changed()}); {@code score} prints all.
 */
public interface WindowListener {
    /** One per reading for per-reading models (not called for window-vector models). */
    default void onRowScore(long row, double score) {}

    void onWindow(WindowResult window);

    /**
     * A gap closed the open window before it was full: its {@code droppedRows} readings are not judged.
     * {@code row} is the first reading after the gap.
     */
    default void onGap(long row, Continuity reason, int droppedRows) {}
}
