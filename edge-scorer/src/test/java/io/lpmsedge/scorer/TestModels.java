package io.lpmsedge.scorer;

import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ModelLoadException;
import io.lpmsedge.scorer.model.ModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The H2O models under {@code src/test/resources/models}, trained by the trainer module (see its
 * {@code TestModelsAreCurrentTest}, which also regenerates them): {@code ae} is a per-reading autoencoder on
 * acc+gyro, {@code aew} a window-vector autoencoder (10 readings × 6 fields), both on {@code normal.csv}.
 */
public final class TestModels {
    private TestModels() {}

    public static Path dir() {
        try {
            return Path.of(TestModels.class.getResource("/models/normal.csv").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static LoadedModel load(String name) {
        try {
            return ModelLoader.usingTempDir().load(file(name));
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** normal.csv's acc_x … gyro_z rows. */
    public static double[][] normalRows() {
        try {
            List<String> lines = Files.readAllLines(file("normal.csv"));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                double[] r = new double[6];
                for (int i = 0; i < 6; i++) {
                    r[i] = Double.parseDouble(c[i + 1]);
                }
                rows.add(r);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
