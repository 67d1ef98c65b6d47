package io.lpmsedge.scorer.model;

/**
 * One model row in, one score out. Implementations own their buffers and are single-threaded (a POJO keeps
 * activations in instance fields): make one per thread with {@link RowScorers#create}.
 */
public interface RowScorer {
    /** Number of inputs, in the model's column order. */
    int width();

    ScoreKind kind();

    /** Scores {@code row[0..width)}; does not modify {@code row}. */
    double score(double[] row);
}
