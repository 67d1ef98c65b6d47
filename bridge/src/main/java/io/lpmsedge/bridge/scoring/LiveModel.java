package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.model.RowScorer;
import java.time.Instant;

/**
 * A model as the scorer thread runs it: the checked configuration, one {@link RowScorer} shared by the sensors it
 * scores (they all run on the scorer thread, and a POJO keeps activations in fields), and when it was loaded. A
 * reload that finds a model's files unchanged hands the same instance back, which is how a sensor knows it has
 * nothing to swap (compared by identity).
 */
final class LiveModel {
    final SensorModel model;
    final RowScorer rowScorer;
    final Instant loadedAt;

    LiveModel(SensorModel model, Instant loadedAt) {
        this.model = model;
        this.rowScorer = model.scorer().newRowScorer();
        this.loadedAt = loadedAt;
    }

    String name() {
        return model.name();
    }
}
