package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.scoring.GpioConfig;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.bridge.scoring.SensorModel;
import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetException;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads {@code [scoring]} (with its {@code [[scoring.model]]} tables) and {@code [gpio]}: live scoring in the
 * bridge. Every model is loaded and checked here, so {@code check-config} reports a missing model, a manifest that
 * does not match it, and a sensor whose outputs or rate do not match its model's manifest, each with the line of
 * the key at fault, the same way {@code run} and a reload refuse them.
 *
 * <p>Two forms. The single-model form ({@code [scoring] model = …}, optional {@code manifest}, {@code sensors}) is
 * one model, named by its file name, for the listed sensors or all of them. The model-per-machine form is one
 * {@code [[scoring.model]]} table per model ({@code name}, {@code model}, {@code manifest}, {@code sensors} as exact
 * names or globs, edge-scorer's {@link SensorPattern}). Because the bridge knows its sensors, it is stricter than a
 * score-service model set: a configured sensor matched by two models is an error (not "first match wins"), and so is
 * a pattern that matches no configured sensor (a typo would otherwise leave a machine unscored without a word).
 */
final class ScoringConfigs {
    private static final String MODEL_KEYS = "name, model, manifest, sensors";

    private ScoringConfigs() {}

    /**
     * @param present        whether the file has a {@code [scoring]} table
     * @param readingsTopic  the readings' topic (verdicts must not share it)
     */
    static ScoringConfig scoring(
            TomlSection s,
            boolean present,
            TomlSection g,
            boolean gpioPresent,
            List<SensorConfig> sensors,
            String readingsTopic) {
        boolean enabled = s.bool("enabled", present || s.isSet("model"));
        TomlArray tables = s.tableArray("model");
        List<SensorModel> models = tables != null ? many(s, tables, enabled, sensors) : single(s, enabled, sensors);
        String topic = s.convert(
                "verdict_topic",
                s.string("verdict_topic", ScoringConfig.DEFAULT_VERDICT_TOPIC),
                SinkConfigs::checkTopic);
        if (topic != null && topic.equals(readingsTopic)) {
            s.problem(
                    "verdict_topic",
                    "is '" + topic + "', the readings' topic too; verdict events need their own " + "topic (default \""
                            + ScoringConfig.DEFAULT_VERDICT_TOPIC + "\")");
        }
        int capacity = (int) s.integer("queue_capacity", ScoringConfig.DEFAULT_QUEUE_CAPACITY, 16, 1_000_000, "");
        boolean windowEvents = s.bool("window_events", false);
        Duration watch = Duration.ofMillis(s.integer(
                "watch_ms", ScoringConfig.DEFAULT_WATCH.toMillis(), 0, 3_600_000, " ms (0 = reload only on SIGHUP)"));
        GpioConfig gpio = gpio(g, gpioPresent, enabled);
        if (!enabled) {
            return new ScoringConfig(
                    false, List.of(), ScoringConfig.DEFAULT_VERDICT_TOPIC, capacity, windowEvents, Duration.ZERO, gpio);
        }
        if (models == null || models.isEmpty()) {
            return null;
        }
        return new ScoringConfig(true, models, topic == null ? "" : topic, capacity, windowEvents, watch, gpio);
    }

    /** {@code [scoring] model = …}: one model for the listed sensors (all when not listed). */
    private static List<SensorModel> single(TomlSection s, boolean enabled, List<SensorConfig> sensors) {
        String model = enabled ? s.string("model", null) : s.string("model", "");
        String manifest = s.string("manifest", "");
        List<String> names = sensors.stream().map(SensorConfig::name).toList();
        List<String> listed = s.stringList("sensors", names);
        List<String> scored = new ArrayList<>();
        if (enabled && listed.isEmpty()) {
            s.problem(
                    "sensors",
                    "is empty; list the sensors to score, leave the key out to score all, or set " + "enabled = false");
        }
        for (String n : listed) {
            if (!names.contains(n)) {
                s.problem("sensors", "'" + n + "' is not a configured sensor; configured sensors are " + names);
            } else if (!scored.contains(n)) {
                scored.add(n);
            }
        }
        if (!enabled || model == null) {
            return null;
        }
        Path modelPath = Path.of(model);
        Path manifestPath = manifest.isBlank() ? ScoringModels.defaultManifest(modelPath) : Path.of(manifest);
        ScorerConfig scorer = load(s, modelPath, manifestPath, !manifest.isBlank());
        if (scorer == null || !checkSensors(s, "model", scorer, sensors, scored)) {
            return null;
        }
        return List.of(new SensorModel(
                modelPath.getFileName().toString(), modelPath, manifestPath, scored, scorer, "[scoring]"));
    }

    /** One {@code [[scoring.model]]} per model, each with the sensors it scores. */
    private static List<SensorModel> many(
            TomlSection s, TomlArray tables, boolean enabled, List<SensorConfig> sensors) {
        for (String key : List.of("manifest", "sensors")) {
            if (s.isSet(key)) {
                s.markKnown(key);
                s.problem(
                        key,
                        "belongs in a [[scoring.model]] table when the models are listed that way; move it "
                                + "into the table of the model it is for");
            }
        }
        if (tables.size() == 0) {
            s.problem("model", "has no [[scoring.model]] table; add one per machine with model and sensors");
            return null;
        }
        modelVariableWithTables(s, tables);
        List<TomlSection> sections = new ArrayList<>();
        List<ModelSetEntry> entries = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String path = "scoring.model[" + i + "]";
            if (!(tables.get(i) instanceof TomlTable t)) {
                s.problem("model", path + " must be a table: write [[scoring.model]] followed by its keys");
                continue;
            }
            String envName = t.get("name") instanceof String n
                    ? n.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                    : Integer.toString(i);
            TomlSection e = s.child(t, tables.inputPositionOf(i), path, s.envPrefix() + "MODEL_" + envName + "_");
            String model = e.string("model", null);
            String manifest = e.string("manifest", "");
            List<String> texts = e.stringList("sensors", null);
            String name = e.string(
                    "name", model == null ? "" : Path.of(model).getFileName().toString());
            List<SensorPattern> patterns = new ArrayList<>();
            for (String text : texts == null ? List.<String>of() : texts) {
                SensorPattern p = e.convert("sensors", text, SensorPattern::new);
                if (p != null) {
                    patterns.add(p);
                }
            }
            e.reportUnknownKeys();
            if (model == null || texts == null) {
                continue;
            }
            Path modelPath = Path.of(model);
            sections.add(e);
            entries.add(new ModelSetEntry(
                    name,
                    modelPath,
                    manifest.isBlank() ? null : Path.of(manifest),
                    patterns,
                    "[[scoring.model]] at line " + tables.inputPositionOf(i).line()));
        }
        if (!enabled) {
            return null;
        }
        boolean ok = sections.size() == tables.size();
        try {
            new ModelSetSpec(entries).validate();
        } catch (ModelSetException x) {
            ok = false;
            // Each problem starts with the origin of the entry at fault: report it at that table's line.
            for (String problem : x.problems()) {
                int at = indexOfOrigin(entries, problem);
                TomlSection e = at < 0 ? s : sections.get(at);
                String message = at < 0
                        ? problem
                        : problem.substring(entries.get(at).origin().length() + 2);
                e.problem(message.startsWith("model name") ? "name" : "sensors", message);
            }
        }
        Map<String, Integer> owner = assignSensors(sections, entries, sensors);
        if (owner == null) {
            ok = false;
        }
        List<SensorModel> models = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ModelSetEntry entry = entries.get(i);
            TomlSection e = sections.get(i);
            Path manifest = entry.manifest() != null ? entry.manifest() : ScoringModels.defaultManifest(entry.model());
            ScorerConfig scorer = load(e, entry.model(), manifest, entry.manifest() != null);
            List<String> scored = new ArrayList<>();
            if (owner != null) {
                owner.forEach((sensor, index) -> {
                    if (index == entries.indexOf(entry)) {
                        scored.add(sensor);
                    }
                });
            }
            if (scorer == null || !checkSensors(e, "sensors", scorer, sensors, scored)) {
                ok = false;
                continue;
            }
            models.add(new SensorModel(entry.name(), entry.model(), manifest, scored, scorer, entry.origin()));
        }
        return ok ? models : null;
    }

    /**
     * Which model scores each configured sensor (in config order), refusing a sensor two models match and a pattern
     * that matches no configured sensor. Returns {@code null} after reporting such a problem.
     */
    private static Map<String, Integer> assignSensors(
            List<TomlSection> sections, List<ModelSetEntry> entries, List<SensorConfig> sensors) {
        Map<String, Integer> owner = new LinkedHashMap<>();
        boolean ok = true;
        List<String> names = sensors.stream().map(SensorConfig::name).toList();
        for (int i = 0; i < entries.size(); i++) {
            ModelSetEntry e = entries.get(i);
            for (SensorPattern p : e.sensors()) {
                if (names.stream().noneMatch(p::matches)) {
                    ok = false;
                    sections.get(i)
                            .problem(
                                    "sensors",
                                    "pattern '" + p + "' of model '" + e.name() + "' matches no "
                                            + "configured sensor (configured: " + names + "); correct it or remove it");
                }
            }
        }
        for (String sensor : names) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).match(sensor) == null) {
                    continue;
                }
                Integer before = owner.putIfAbsent(sensor, i);
                if (before != null && before != i) {
                    ok = false;
                    ModelSetEntry first = entries.get(before);
                    sections.get(i)
                            .problem(
                                    "sensors",
                                    "sensor '" + sensor + "' is matched by model '"
                                            + entries.get(i).name() + "' ('"
                                            + entries.get(i).match(sensor) + "') and by model '"
                                            + first.name() + "' ('" + first.match(sensor) + "', " + first.origin()
                                            + "); a sensor "
                                            + "is scored by one model: narrow one of the patterns");
                }
            }
        }
        return ok ? owner : null;
    }

    /**
     * {@code LPMS_EDGE_SCORING_MODEL} overrides the single-model form's {@code [scoring] model}; with the models listed
     * as tables there is no such key, so the variable would be ignored without a word and the machines scored by
     * other models than the operator meant. An error (check-config, run, a reload), not a warning: a unit's
     * {@code Environment=} line is easily forgotten and a warning scrolls by, while the fix takes one line.
     */
    private static void modelVariableWithTables(TomlSection s, TomlArray tables) {
        String variable = TomlSection.envName(s.envPrefix(), "model");
        if (s.env(variable) == null) {
            return;
        }
        String first = tables.get(0) instanceof TomlTable t && t.get("name") instanceof String n
                ? n.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                : "0"; // an unnamed table's variables go by its index, as below
        s.problem(
                "model",
                "is set to '" + s.env(variable) + "', but the models are listed as [[scoring.model]] tables ("
                        + s.file() + ":" + tables.inputPositionOf(0).line() + (tables.size() > 1 ? " and on" : "")
                        + "), which it cannot override, so it would be ignored; unset " + variable
                        + " (e.g. remove it from the unit's Environment=), or override one table's model with "
                        + s.envPrefix() + "MODEL_" + first + "_MODEL");
    }

    private static int indexOfOrigin(List<ModelSetEntry> entries, String problem) {
        for (int i = 0; i < entries.size(); i++) {
            if (problem.startsWith(entries.get(i).origin() + ": ")) {
                return i;
            }
        }
        return -1;
    }

    /** Loads and checks one model + manifest; a problem is reported at {@code model} (or {@code manifest}). */
    private static ScorerConfig load(TomlSection s, Path model, Path manifest, boolean manifestSet) {
        try {
            return ScoringModels.load(model, manifest);
        } catch (IllegalArgumentException e) {
            s.problem(e.getMessage().startsWith("manifest") && manifestSet ? "manifest" : "model", e.getMessage());
            return null;
        }
    }

    /** Each scored sensor's outputs and rate against the model's manifest; false after reporting a mismatch. */
    private static boolean checkSensors(
            TomlSection s, String key, ScorerConfig scorer, List<SensorConfig> sensors, List<String> scored) {
        // One problem per kind of mismatch, naming the other sensors with it: 20 sensors at the wrong rate are one
        // mistake (the model's), not 20 lines.
        Map<String, List<String>> byProblem = new LinkedHashMap<>();
        for (SensorConfig sensor : sensors) {
            if (scored.contains(sensor.name())) {
                try {
                    ScoringModels.checkSensor(scorer, sensor);
                } catch (IllegalArgumentException e) {
                    String kind = e.getMessage().replace("'" + sensor.name() + "'", "'*'");
                    byProblem.computeIfAbsent(kind, k -> new ArrayList<>()).add(sensor.name());
                }
            }
        }
        byProblem.forEach((kind, names) -> s.problem(
                key,
                kind.replace("'*'", "'" + names.get(0) + "'")
                        + (names.size() == 1 ? "" : " (the same for sensors " + names.subList(1, names.size()) + ")")));
        return byProblem.isEmpty();
    }

    private static GpioConfig gpio(TomlSection g, boolean present, boolean scoring) {
        boolean enabled = g.bool("enabled", present || g.isSet("pin"));
        int pin = -1;
        if (g.isSet("pin")) {
            pin = (int) g.integer("pin", -1, 0, 27, " (BCM GPIO number on the 40-pin header)");
        } else {
            g.markKnown("pin");
            if (enabled) {
                g.problem(
                        "pin",
                        "is missing; name the BCM GPIO line the stack light or relay is wired to, "
                                + "e.g. pin = 17 (header pin 11)");
            }
        }
        Boolean activeHigh = g.convert("active", g.string("active", "high"), a -> switch (a) {
            case "high" -> true;
            case "low" -> false;
            default ->
                throw new IllegalArgumentException("is '" + a + "'; use \"high\" (FAILURE drives the line high) "
                        + "or \"low\" (for active-low relay boards)");
        });
        if (!enabled) {
            return GpioConfig.DISABLED;
        }
        if (!scoring) {
            g.problem(
                    "enabled",
                    "the GPIO output shows the verdict of live scoring, which is off; configure [scoring] "
                            + "(model = …) or remove [gpio]");
        }
        return new GpioConfig(true, Math.max(pin, 0), activeHigh == null || activeHigh);
    }
}
