package io.lpmsedge.scorer.model;

import hex.genmodel.GenModel;

/** A classifier's predicted probability of one class (the "failure" class of the manifest). */
final class ClassProbabilityScorer implements RowScorer {
    private final GenModel model;
    private final int predsIndex;
    private final double[] input;
    private final double[] preds;

    ClassProbabilityScorer(GenModel model, int classIndex) {
        this.model = model;
        // score0 layout for classifiers: [label, p(class 0), p(class 1), ...].
        this.predsIndex = 1 + classIndex;
        this.input = new double[model.nfeatures()];
        this.preds = new double[model.getPredsSize()];
    }

    @Override
    public int width() {
        return input.length;
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.CLASS_PROBABILITY;
    }

    @Override
    public double score(double[] row) {
        System.arraycopy(row, 0, input, 0, input.length);
        return model.score0(input, preds)[predsIndex];
    }
}
