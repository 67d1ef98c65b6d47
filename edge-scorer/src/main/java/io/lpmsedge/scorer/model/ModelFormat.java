package io.lpmsedge.scorer.model;

/** How a model reached us; decides how it is loaded and where an autoencoder's normalization is read from. */
public enum ModelFormat {
    /** A MOJO zip, read by {@code hex.genmodel.MojoModel}. */
    MOJO,
    /** A POJO {@code <ModelKey>.java}, compiled at start with {@code javax.tools}. */
    POJO_SOURCE,
    /** A pre-compiled POJO {@code <ModelKey>.class} (its nested classes beside it). */
    POJO_CLASS,
    /** A jar holding a pre-compiled POJO in the default package. */
    POJO_JAR;

    public boolean isPojo() {
        return this != MOJO;
    }
}
