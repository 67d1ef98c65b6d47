package io.lpmsedge.trainer;

import java.nio.file.Path;

/**
 * The exported artefacts and H2O's own view of them.
 *
 * @param h2oErrors H2O's per-row {@code Reconstruction.MSE} on the training rows, computed in the cluster: the
 *                  reference genmodel scoring must reproduce
 * @param h2oMean   {@code mean()} of those errors
 * @param h2oSigma  {@code sigma()} of those errors (sample sd)
 */
public record TrainedModel(Path mojo, Path pojo, double[] h2oErrors, double h2oMean, double h2oSigma) {}
