package io.lpmsedge.scorer.model;

import hex.ModelCategory;
import hex.genmodel.GenModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A model as loaded, before it is bound to a manifest.
 *
 * @param model     the genmodel instance (a POJO instance is not thread-safe: one {@link RowScorer} per thread)
 * @param file      where it came from
 * @param format    MOJO or one of the POJO forms
 * @param normMul   an autoencoder's per-feature {@code norm_mul}, or {@code null} when the model has none
 *                  (trained without standardization, or not an autoencoder)
 */
public record LoadedModel(GenModel model, Path file, ModelFormat format, double[] normMul) {
    /** The model's input columns in the order {@code score0} expects them (the response column excluded). */
    public List<String> columns() {
        return List.of(Arrays.copyOf(model.getNames(), model.nfeatures()));
    }

    public ModelCategory category() {
        return model.getModelCategory();
    }

    /** The score kind a manifest without one gets: what the model's category naturally produces. */
    public ScoreKind naturalScoreKind() {
        switch (category()) {
            case AutoEncoder:
                return ScoreKind.RECONSTRUCTION_MSE;
            case Binomial:
            case Multinomial:
                return ScoreKind.CLASS_PROBABILITY;
            case Regression:
                return ScoreKind.REGRESSION;
            default:
                return null;
        }
    }

    /** The response classes of a classifier, or an empty list. */
    public List<String> classes() {
        if (!model.isClassifier()) {
            return List.of();
        }
        String[] domain = model.getDomainValues(model.getResponseIdx());
        return domain == null ? List.of() : List.of(domain);
    }

    /** Short description for messages: {@code "ae.zip (MOJO, AutoEncoder, 6 columns)"}. */
    public String describe() {
        return file.getFileName() + " (" + format + ", " + category() + ", " + model.nfeatures() + " columns)";
    }
}
