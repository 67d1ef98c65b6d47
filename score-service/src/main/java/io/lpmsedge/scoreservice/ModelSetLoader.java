package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.modelset.FileStamp;
import io.lpmsedge.scorer.modelset.ModelPair;
import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetException;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@link ModelSource} into a {@link ModelSet}, checking every model against its manifest
 * ({@link ModelPair}: columns, layout, window, score kind, a threshold, features that are reading fields). All or
 * nothing: one bad model refuses the whole set, with every problem named ({@code origin: model 'arm': …; fix}), and
 * a caller keeps what it had.
 *
 * <p>Models whose model and manifest files (and name) are unchanged since the last successful load are handed back
 * as the same {@link ScoringModel} instance, without loading them again: a reload touches only what changed.
 * Not thread-safe: one reloader thread calls it.
 */
final class ModelSetLoader {
    private record Key(String name, Path model, FileStamp modelStamp, Path manifest, FileStamp manifestStamp) {}

    private final ModelSource source;
    private Map<Key, ScoringModel> loaded = new HashMap<>();
    private Map<Path, FileStamp> watched = Map.of();

    ModelSetLoader(ModelSource source) {
        this.source = source;
    }

    /** The stamps of every file the last successful load read (set file, models, manifests). */
    Map<Path, FileStamp> watchedStamps() {
        return watched;
    }

    ModelSet load() throws ModelSetException {
        Set<Path> files = new LinkedHashSet<>(source.ownFiles());
        // Stamps before reading: a file changed while it is read is seen as changed again on the next check.
        Map<Path, FileStamp> stamps = new HashMap<>(FileStamp.of(files));
        ModelSetSpec spec = source.spec();
        List<String> problems = new ArrayList<>();
        try {
            spec.validate();
        } catch (ModelSetException e) {
            problems.addAll(e.problems());
        }
        List<ScoringModel> models = new ArrayList<>();
        Map<Key, ScoringModel> now = new HashMap<>();
        for (ModelSetEntry e : spec.entries()) {
            Path manifest = ModelPair.manifestFor(e.model(), e.manifest());
            FileStamp ms = FileStamp.of(e.model());
            FileStamp fs = FileStamp.of(manifest);
            files.add(e.model());
            files.add(manifest);
            stamps.put(e.model(), ms);
            stamps.put(manifest, fs);
            Key key = new Key(e.name(), e.model(), ms, manifest, fs);
            ScoringModel m = loaded.get(key);
            if (m == null) {
                try {
                    m = ScoringModel.of(e.name(), ModelPair.load(e.model(), manifest), e.model(), manifest);
                } catch (ModelSetException x) {
                    problems.add(e.origin() + ": model '" + e.name() + "': " + x.getMessage());
                    continue;
                }
            }
            now.put(key, m);
            models.add(m);
        }
        if (!problems.isEmpty()) {
            throw new ModelSetException(problems);
        }
        loaded = now;
        Map<Path, FileStamp> w = new LinkedHashMap<>();
        for (Path f : files) {
            w.put(f, stamps.get(f));
        }
        watched = w;
        return new ModelSet(spec, models, source.describe());
    }
}
