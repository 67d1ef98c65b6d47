package io.lpmsedge.bridge.scoring;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The bridge tests' model: {@code src/test/resources/models/sim_ok_ae.zip}, an H2O autoencoder trained on the
 * simulator's healthy arm (acc + gyro, 100 Hz, windows of 200, threshold mean + 3 sd, hysteresis 3:2); see
 * {@code regenerate.sh} beside it.
 */
public final class TestModel {
    private TestModel() {}

    public static Path model() {
        try {
            return Path.of(TestModel.class.getResource("/models/sim_ok_ae.zip").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path manifest() {
        return model().resolveSibling("sim_ok_ae.manifest.json");
    }
}
