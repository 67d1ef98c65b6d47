package io.lpmsedge.scorer.model;

import hex.ModelCategory;

/** Builds the {@link RowScorer} for a model and a score kind, checking that the two fit. */
public final class RowScorers {
    private RowScorers() {}

    /**
     * @param failureClass the class whose probability is the score ({@link ScoreKind#CLASS_PROBABILITY} only)
     * @throws IllegalArgumentException when the kind does not fit the model; the message names both
     */
    public static RowScorer create(LoadedModel m, ScoreKind kind, String failureClass) {
        ModelCategory c = m.category();
        switch (kind) {
            case RECONSTRUCTION_MSE:
                require(c == ModelCategory.AutoEncoder, m, kind);
                return new ReconstructionMseScorer(m.model(), m.normMul());
            case CLASS_PROBABILITY:
                require(c == ModelCategory.Binomial || c == ModelCategory.Multinomial, m, kind);
                int idx = m.classes().indexOf(failureClass);
                if (idx < 0) {
                    throw new IllegalArgumentException("score.failureClass '" + failureClass + "' is not a class of "
                            + "model " + m.file().getFileName() + "; its classes are " + m.classes());
                }
                return new ClassProbabilityScorer(m.model(), idx);
            case REGRESSION:
                require(c == ModelCategory.Regression, m, kind);
                return new RegressionScorer(m.model());
            default:
                throw new AssertionError(kind);
        }
    }

    private static void require(boolean ok, LoadedModel m, ScoreKind kind) {
        if (!ok) {
            throw new IllegalArgumentException("score.kind '" + kind.key() + "' does not fit model "
                    + m.file().getFileName() + ", which is a " + m.category() + " model; use '"
                    + m.naturalScoreKind().key() + "'");
        }
    }
}
