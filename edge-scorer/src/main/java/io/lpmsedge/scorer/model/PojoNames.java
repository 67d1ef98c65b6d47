package io.lpmsedge.scorer.model;

import java.nio.file.Path;

/** File-name conventions of H2O POJOs. */
final class PojoNames {
    private PojoNames() {}

    /** {@code /x/GBM_model_1.java} → {@code GBM_model_1}. */
    static String classNameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
