package io.lpmsedge.scoreservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Model files in a test's directory: copies of the committed test model with manifests of chosen thresholds. */
final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    ModelFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code NAME.zip} (the test model) and {@code NAME.manifest.json} with {@code threshold}. */
    Path model(String name, double threshold) {
        try {
            Path zip = dir.resolve(name + ".zip");
            Files.copy(Streams.MODEL, zip, StandardCopyOption.REPLACE_EXISTING);
            manifest(name + ".manifest.json", threshold);
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test model's manifest with another threshold, written as an operator would: beside, then renamed. */
    Path manifest(String file, double threshold) {
        try {
            ObjectNode m = (ObjectNode)
                    JSON.readTree(Streams.MODELS.resolve("ae.manifest.json").toFile());
            m.put("threshold", threshold);
            return write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String file, String text) {
        try {
            Path target = dir.resolve(file);
            Path tmp = dir.resolve(file + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
