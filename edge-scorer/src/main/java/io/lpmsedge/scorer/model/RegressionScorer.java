package io.lpmsedge.scorer.model;

import hex.genmodel.GenModel;

/** A regression model's predicted value. */
final class RegressionScorer implements RowScorer {
    private final GenModel model;
    private final double[] input;
    private final double[] preds;

    RegressionScorer(GenModel model) {
        this.model = model;
        this.input = new double[model.nfeatures()];
        this.preds = new double[model.getPredsSize()];
    }

    @Override
    public int width() {
        return input.length;
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.REGRESSION;
    }

    @Override
    public double score(double[] row) {
        System.arraycopy(row, 0, input, 0, input.length);
        return model.score0(input, preds)[0];
    }
}
