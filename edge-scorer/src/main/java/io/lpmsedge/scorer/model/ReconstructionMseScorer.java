package io.lpmsedge.scorer.model;

import hex.ModelCategory;
import hex.genmodel.GenModel;
import java.util.Arrays;

/**
 * H2O's per-row autoencoder error, {@code Reconstruction.MSE}: mean over the N numeric inputs of
 * {@code ((x̂ − x) · norm_mul)²}, with {@code x̂} the reconstruction in original units. This is
 * {@code DeeplearningMojoModel.calculateReconstructionErrorPerRowData} written out, because genmodel only fills
 * the error in for MOJOs and only through the map-based {@code EasyPredictModelWrapper}; computing it from
 * {@code score0} gives POJOs the same number and keeps the hot path free of maps.
 */
final class ReconstructionMseScorer implements RowScorer {
    private final GenModel model;
    private final double[] normMul;
    private final double[] input;
    private final double[] reconstruction;

    ReconstructionMseScorer(GenModel model, double[] normMul) {
        this.model = model;
        int n = model.nfeatures();
        // No norm_mul (trained with standardize=false): H2O's error is then in raw units, i.e. factor 1.
        this.normMul = normMul != null ? normMul.clone() : filled(n);
        this.input = new double[n];
        // getPredsSize() is not the autoencoder's output width (it is 2 for DL): ask for the AE size.
        this.reconstruction = new double[model.getPredsSize(ModelCategory.AutoEncoder)];
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    @Override
    public int width() {
        return input.length;
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.RECONSTRUCTION_MSE;
    }

    @Override
    public double score(double[] row) {
        // score0 may impute NaNs in its input; score a copy so the caller's row stays as read.
        System.arraycopy(row, 0, input, 0, input.length);
        double[] rec = model.score0(input, reconstruction);
        double sum = 0;
        for (int k = 0; k < input.length; k++) {
            double d = (row[k] - rec[k]) * normMul[k];
            sum += d * d;
        }
        return sum / input.length;
    }
}
