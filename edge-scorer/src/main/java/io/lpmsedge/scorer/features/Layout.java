package io.lpmsedge.scorer.features;

import java.util.Locale;

/** How readings become model rows. */
public enum Layout {
    /** One model row per reading (K features); one score per reading, RMS over the window. */
    PER_READING("per-reading"),
    /**
     * One model row per window: N consecutive readings × K features, flattened reading-major
     * ({@code r0f0, r0f1, …, r1f0, …}), as the 2017 system's models were; one score per window.
     */
    WINDOW_VECTOR("window-vector");

    private final String key;

    Layout(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Layout byKey(String key) {
        for (Layout l : values()) {
            if (l.key.equals(key.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + key + "'; use per-reading or window-vector");
    }
}
