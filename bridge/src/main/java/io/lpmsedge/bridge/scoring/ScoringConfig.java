package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.manifest.ScorerConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Live scoring in the bridge ({@code [scoring]}), validated: the model is loaded and its manifest checked against
 * it and against every scored sensor's outputs and rate.
 *
 * @param enabled       whether the bridge scores at all ({@code [scoring]} present and not {@code enabled = false})
 * @param model         the model file (MOJO, POJO source/class/jar)
 * @param manifest      the manifest used ({@code NAME.manifest.json} beside the model unless configured)
 * @param sensors       the sensors scored, in config order (all configured sensors unless listed)
 * @param verdictTopic  topic of the verdict events in the spool
 * @param queueCapacity readings held between the dispatcher and the scorer thread; past it the oldest is dropped
 * @param windowEvents  also spool one record per judged window, not only verdict changes
 * @param scorer        the checked model + manifest ({@code null} when disabled)
 * @param gpio          the verdict output ({@code [gpio]})
 */
public record ScoringConfig(boolean enabled, Path model, Path manifest, List<String> sensors, String verdictTopic,
                            int queueCapacity, boolean windowEvents, ScorerConfig scorer, GpioConfig gpio) {
    public static final String DEFAULT_VERDICT_TOPIC = "verdicts";
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    public static final ScoringConfig DISABLED = new ScoringConfig(false, null, null, List.of(),
            DEFAULT_VERDICT_TOPIC, DEFAULT_QUEUE_CAPACITY, false, null, GpioConfig.DISABLED);

    public ScoringConfig {
        sensors = List.copyOf(sensors);
        if (enabled && scorer == null) {
            throw new IllegalArgumentException("enabled scoring needs a checked model");
        }
    }

    /** Whether readings of this sensor are scored. */
    public boolean scores(String sensor) {
        return enabled && sensors.contains(sensor);
    }

    /** The model's file name, as verdict events and logs name it. */
    public String modelName() {
        return model == null ? "" : model.getFileName().toString();
    }
}
