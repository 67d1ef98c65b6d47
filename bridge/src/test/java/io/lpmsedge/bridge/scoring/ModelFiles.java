package io.lpmsedge.bridge.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manifests for the test model ({@link TestModel}) with another rate, threshold or window, written into a test's
 * directory: a "new model" for a reload is the same MOJO with its own manifest (and name in the config).
 */
public final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /** Writes {@code dir/name} from the test model's manifest with these values; returns its path. */
    public static Path manifest(Path dir, String name, double rateHz, double threshold, int window) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(TestModel.manifest().toFile());
        m.put("sampleRateHz", rateHz);
        m.put("threshold", threshold);
        ((ObjectNode) m.get("window")).put("size", window).put("stride", window);
        Path tmp = dir.resolve(name + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
        // Replaced by a rename, as the docs tell operators to do: a watch never sees it half-written.
        return Files.move(
                tmp,
                dir.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
