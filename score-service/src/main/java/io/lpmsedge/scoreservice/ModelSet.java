package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import java.nio.file.Path;
import java.util.List;

/**
 * The loaded model set: which model scores which sensor. Immutable; a reload makes a new one and hands it to the
 * service, whose lanes move to it at their next window boundary.
 *
 * @param spec   the routing (patterns in order)
 * @param models one per entry of {@code spec}, same order
 * @param source what it was loaded from, for messages ({@code models.toml}, {@code ae.zip})
 */
record ModelSet(ModelSetSpec spec, List<ScoringModel> models, String source) {
    ModelSet {
        models = List.copyOf(models);
        if (models.size() != spec.entries().size()) {
            throw new IllegalArgumentException("one model per entry");
        }
    }

    /** One model for every sensor (the {@code --model} shorthand, and the demo's embedded service). */
    static ModelSet single(String name, ScorerConfig config, Path model, Path manifest) {
        ModelSetSpec spec = new ModelSetSpec(
                List.of(new ModelSetEntry(name, model, manifest, List.of(new SensorPattern("*")), "--model")));
        return new ModelSet(
                spec,
                List.of(ScoringModel.of(name, config, model, manifest)),
                model.getFileName().toString());
    }

    /** The model scoring {@code sensor}, or {@code null} when no entry matches it. */
    ScoringModel modelFor(String sensor) {
        int i = spec.indexFor(sensor);
        return i < 0 ? null : models.get(i);
    }
}
