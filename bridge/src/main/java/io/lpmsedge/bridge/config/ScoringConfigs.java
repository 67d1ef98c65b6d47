package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.bridge.scoring.GpioConfig;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.scorer.manifest.ScorerConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code [scoring]} and {@code [gpio]}: live scoring in the bridge. The model is loaded and checked here, so
 * {@code check-config} reports a missing model, a manifest that does not match it, and a sensor whose outputs or rate
 * do not match the manifest, each with the line of the key at fault, the same way {@code run} refuses them.
 */
final class ScoringConfigs {
    private ScoringConfigs() {
    }

    /**
     * @param present        whether the file has a {@code [scoring]} table
     * @param readingsTopic  the readings' topic (verdicts must not share it)
     */
    static ScoringConfig scoring(TomlSection s, boolean present, TomlSection g, boolean gpioPresent,
                                 List<SensorConfig> sensors, String readingsTopic) {
        boolean enabled = s.bool("enabled", present || s.isSet("model"));
        String model = enabled ? s.string("model", null) : s.string("model", "");
        String manifest = s.string("manifest", "");
        List<String> names = sensors.stream().map(SensorConfig::name).toList();
        List<String> listed = s.stringList("sensors", names);
        List<String> scored = new ArrayList<>();
        if (enabled && listed.isEmpty()) {
            s.problem("sensors", "is empty; list the sensors to score, leave the key out to score all, or set "
                    + "enabled = false");
        }
        for (String n : listed) {
            if (!names.contains(n)) {
                s.problem("sensors", "'" + n + "' is not a configured sensor; configured sensors are " + names);
            } else if (!scored.contains(n)) {
                scored.add(n);
            }
        }
        String topic = s.convert("verdict_topic", s.string("verdict_topic", ScoringConfig.DEFAULT_VERDICT_TOPIC),
                SinkConfigs::checkTopic);
        if (topic != null && topic.equals(readingsTopic)) {
            s.problem("verdict_topic", "is '" + topic + "', the readings' topic too; verdict events need their own "
                    + "topic (default \"" + ScoringConfig.DEFAULT_VERDICT_TOPIC + "\")");
        }
        int capacity = (int) s.integer("queue_capacity", ScoringConfig.DEFAULT_QUEUE_CAPACITY, 16, 1_000_000, "");
        boolean windowEvents = s.bool("window_events", false);
        GpioConfig gpio = gpio(g, gpioPresent, enabled);
        if (!enabled || model == null) {
            return enabled ? null : new ScoringConfig(false, null, null, List.of(), ScoringConfig.DEFAULT_VERDICT_TOPIC,
                    capacity, windowEvents, null, gpio);
        }
        Path modelPath = Path.of(model);
        Path manifestPath = manifest.isBlank() ? ScoringModels.defaultManifest(modelPath) : Path.of(manifest);
        ScorerConfig scorer;
        try {
            scorer = ScoringModels.load(modelPath, manifestPath);
        } catch (IllegalArgumentException e) {
            s.problem(e.getMessage().startsWith("manifest") && !manifest.isBlank() ? "manifest" : "model",
                    e.getMessage());
            return null;
        }
        for (SensorConfig sensor : sensors) {
            if (scored.contains(sensor.name())) {
                try {
                    ScoringModels.checkSensor(scorer, sensor);
                } catch (IllegalArgumentException e) {
                    s.problem("model", e.getMessage());
                }
            }
        }
        return new ScoringConfig(true, modelPath, manifestPath, scored, topic == null ? "" : topic, capacity,
                windowEvents, scorer, gpio);
    }

    private static GpioConfig gpio(TomlSection g, boolean present, boolean scoring) {
        boolean enabled = g.bool("enabled", present || g.isSet("pin"));
        int pin = -1;
        if (g.isSet("pin")) {
            pin = (int) g.integer("pin", -1, 0, 27, " (BCM GPIO number on the 40-pin header)");
        } else {
            g.markKnown("pin");
            if (enabled) {
                g.problem("pin", "is missing; name the BCM GPIO line the stack light or relay is wired to, "
                        + "e.g. pin = 17 (header pin 11)");
            }
        }
        Boolean activeHigh = g.convert("active", g.string("active", "high"), a -> switch (a) {
            case "high" -> true;
            case "low" -> false;
            default -> throw new IllegalArgumentException("is '" + a + "'; use \"high\" (FAILURE drives the line high) "
                    + "or \"low\" (for active-low relay boards)");
        });
        if (!enabled) {
            return GpioConfig.DISABLED;
        }
        if (!scoring) {
            g.problem("enabled", "the GPIO output shows the verdict of live scoring, which is off; configure [scoring] "
                    + "(model = …) or remove [gpio]");
        }
        return new GpioConfig(true, Math.max(pin, 0), activeHigh == null || activeHigh);
    }
}
