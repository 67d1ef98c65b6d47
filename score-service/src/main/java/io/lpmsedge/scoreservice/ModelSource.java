package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetException;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import java.nio.file.Path;
import java.util.List;

/** Where the service's models come from; read again on every reload. */
sealed interface ModelSource {
    /** The routing as written now (the file is read again each time), not yet {@link ModelSetSpec#validate()}d. */
    ModelSetSpec spec() throws ModelSetException;

    /** Files whose change means a reload beyond the models and manifests themselves. */
    List<Path> ownFiles();

    String describe();

    /** {@code --models FILE}: a model-set file. */
    record SetFile(Path file) implements ModelSource {
        @Override
        public ModelSetSpec spec() throws ModelSetException {
            return ModelSetFile.read(file);
        }

        @Override
        public List<Path> ownFiles() {
            return List.of(file);
        }

        @Override
        public String describe() {
            return file.getFileName().toString();
        }
    }

    /** {@code --model FILE [--manifest FILE]}: one model for every sensor, named by its file name. */
    record Single(Path model, Path manifest) implements ModelSource {
        @Override
        public ModelSetSpec spec() throws ModelSetException {
            return new ModelSetSpec(List.of(new ModelSetEntry(
                    model.getFileName().toString(), model, manifest, List.of(new SensorPattern("*")), "--model")));
        }

        @Override
        public List<Path> ownFiles() {
            return List.of();
        }

        @Override
        public String describe() {
            return model.getFileName().toString();
        }
    }
}
