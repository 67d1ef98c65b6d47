package io.lpmsedge.scorer.model;

import java.util.Locale;

/** What one model row's score means. */
public enum ScoreKind {
    /** Autoencoder: H2O's per-row {@code Reconstruction.MSE} (range-normalized squared error, mean over features). */
    RECONSTRUCTION_MSE("reconstruction-mse"),
    /** Binomial or multinomial classifier: predicted probability of the failure class. */
    CLASS_PROBABILITY("class-probability"),
    /** Regression: the predicted value. */
    REGRESSION("regression");

    private final String key;

    ScoreKind(String key) {
        this.key = key;
    }

    /** The manifest spelling. */
    public String key() {
        return key;
    }

    public static ScoreKind byKey(String key) {
        for (ScoreKind k : values()) {
            if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown score kind '" + key + "'; use reconstruction-mse, class-probability or regression");
    }
}
