package io.lpmsedge.scorer.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link ManifestFile}s. Unknown keys are errors: a typo must not silently drop a setting. */
public final class ManifestIO {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code model.zip} → {@code model.manifest.json}, beside it; MOJO and POJO of one model share it. */
    public static Path defaultPathFor(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        return model.resolveSibling(base + ".manifest.json");
    }

    public ManifestFile read(Path file) throws ManifestException {
        try {
            return mapper.readValue(file.toFile(), ManifestFile.class);
        } catch (UnrecognizedPropertyException e) {
            // Records are bound through their constructor, so Jackson's location is past the object: name the
            // key's path instead (e.g. features[2].fild), which points at the typo just as well.
            throw new ManifestException("manifest '" + file + "': unknown key '" + path(e) + "'; known keys there are "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ManifestException("manifest '" + file + "' is not valid: " + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new ManifestException("manifest '" + file + "' does not exist");
            }
            throw new ManifestException("cannot read manifest '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    public String toJson(ManifestFile m) {
        try {
            return mapper.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records always serialize", e);
        }
    }

    public void write(ManifestFile m, Path file) throws IOException {
        // Write-then-move so a crash never leaves a half-written manifest beside a model.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(m));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
