package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Live scoring in the bridge ({@code [scoring]}), validated: every model is loaded and its manifest checked against
 * it and against the outputs and rate of each sensor it scores. One model per machine: {@code [[scoring.model]]}
 * tables, each with its sensors; the single-model form ({@code [scoring] model = …}) is one model for all (or the
 * listed) sensors. Each sensor has at most one model.
 *
 * @param enabled       whether the bridge scores at all ({@code [scoring]} present and not {@code enabled = false})
 * @param models        the models, in config order
 * @param verdictTopic  topic of the verdict events in the spool
 * @param queueCapacity readings held between the dispatcher and the scorer thread; past it the oldest is dropped
 * @param windowEvents  also spool one record per judged window, not only verdict changes
 * @param watch         how often the model and manifest files are checked for a change that reloads them;
 *                      {@link Duration#ZERO}: only on SIGHUP
 * @param gpio          the verdict output ({@code [gpio]})
 */
public record ScoringConfig(
        boolean enabled,
        List<SensorModel> models,
        String verdictTopic,
        int queueCapacity,
        boolean windowEvents,
        Duration watch,
        GpioConfig gpio) {
    public static final String DEFAULT_VERDICT_TOPIC = "verdicts";
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    public static final Duration DEFAULT_WATCH = Duration.ofSeconds(2);
    public static final ScoringConfig DISABLED = new ScoringConfig(
            false, List.of(), DEFAULT_VERDICT_TOPIC, DEFAULT_QUEUE_CAPACITY, false, Duration.ZERO, GpioConfig.DISABLED);

    public ScoringConfig {
        models = List.copyOf(models);
        if (enabled && models.isEmpty()) {
            throw new IllegalArgumentException("enabled scoring needs a checked model");
        }
    }

    /** The single-model form: one model, named by its file name, for {@code sensors}. */
    public static ScoringConfig single(
            Path model,
            Path manifest,
            List<String> sensors,
            ScorerConfig scorer,
            String verdictTopic,
            int queueCapacity,
            boolean windowEvents,
            GpioConfig gpio) {
        return new ScoringConfig(
                true,
                List.of(new SensorModel(model.getFileName().toString(), model, manifest, sensors, scorer, "[scoring]")),
                verdictTopic,
                queueCapacity,
                windowEvents,
                DEFAULT_WATCH,
                gpio);
    }

    /** The sensors scored, in model order then config order. */
    public List<String> sensors() {
        List<String> out = new ArrayList<>();
        for (SensorModel m : models) {
            out.addAll(m.sensors());
        }
        return out;
    }

    /** Whether readings of this sensor are scored. */
    public boolean scores(String sensor) {
        return modelFor(sensor) != null;
    }

    /** The model scoring {@code sensor}, or {@code null}. */
    public SensorModel modelFor(String sensor) {
        if (enabled) {
            for (SensorModel m : models) {
                if (m.sensors().contains(sensor)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The name of the model scoring {@code sensor}, or {@code null} when it is not scored. */
    public String modelName(String sensor) {
        SensorModel m = modelFor(sensor);
        return m == null ? null : m.name();
    }
}
