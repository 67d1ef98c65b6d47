package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.modelset.ModelSetEntry;
import io.lpmsedge.scorer.modelset.ModelSetException;
import io.lpmsedge.scorer.modelset.ModelSetSpec;
import io.lpmsedge.scorer.modelset.SensorPattern;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads a model-set file (TOML, the bridge's config language; see docs/score-service-models.md):
 *
 * <pre>
 * [[model]]
 * name = "arm"                          # optional; default: the model's file name
 * path = "models/arm_ae.zip"            # relative to this file
 * manifest = "models/arm_ae.manifest.json"   # optional; default: beside the model
 * sensors = ["arm-*", "spindle-3"]
 * </pre>
 *
 * Every problem is collected with {@code file:line} and its fix, then thrown together; unknown keys are errors, so
 * a typo ({@code sensor = …}) cannot silently leave a model without sensors. The set as a whole (names, shadowed
 * patterns) is checked by {@link ModelSetSpec#validate()}, which {@link ModelSetLoader} runs together with the
 * model checks so one run names every problem.
 */
final class ModelSetFile {
    private static final Set<String> KEYS = Set.of("name", "path", "manifest", "sensors");

    private ModelSetFile() {}

    static ModelSetSpec read(Path file) throws ModelSetException {
        String where = file.toString();
        TomlParseResult doc;
        try {
            doc = Toml.parse(file);
        } catch (NoSuchFileException e) {
            throw new ModelSetException("model set '" + where + "' does not exist; write one [[model]] table per "
                    + "machine (see docs/score-service-models.md) or give a single model with --model");
        } catch (IOException e) {
            throw new ModelSetException("cannot read model set '" + where + "': " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (TomlParseError e : doc.errors()) {
            problems.add(where + ":" + e.position().line() + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ModelSetException(problems);
        }
        for (String key : doc.keySet()) {
            if (!key.equals("model")) {
                problems.add(where + ":" + doc.inputPositionOf(key).line() + ": unknown key '" + key + "'; a model "
                        + "set has only [[model]] tables");
            }
        }
        if (doc.contains("model") && !doc.isArray("model")) {
            problems.add(where + ":" + doc.inputPositionOf("model").line() + ": 'model' must be an array of tables, "
                    + "written [[model]]");
            throw new ModelSetException(problems);
        }
        TomlArray models = doc.getArray("model");
        List<ModelSetEntry> entries = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (int i = 0; models != null && i < models.size(); i++) {
            String origin = where + ":" + models.inputPositionOf(i).line();
            if (!(models.get(i) instanceof TomlTable t)) {
                problems.add(origin + ": model[" + i + "] must be a table, written [[model]]");
                continue;
            }
            ModelSetEntry e = entry(t, dir, origin, problems);
            if (e != null) {
                entries.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelSetException(problems);
        }
        if (entries.isEmpty()) {
            throw new ModelSetException(where + ": the model set has no model; add one [[model]] table per machine "
                    + "with path and sensors");
        }
        return new ModelSetSpec(entries);
    }

    private static ModelSetEntry entry(TomlTable t, Path dir, String origin, List<String> problems) {
        int before = problems.size();
        for (String key : t.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(origin(t, key, origin) + ": unknown key '" + key + "' in [[model]]; known keys are "
                        + "name, path, manifest, sensors");
            }
        }
        String path = string(t, "path", origin, problems);
        if (path == null && !t.contains("path")) {
            problems.add(origin + ": [[model]] has no path; add path = \"FILE.zip\" (relative to the model set)");
        }
        String manifest = string(t, "manifest", origin, problems);
        String name = string(t, "name", origin, problems);
        List<SensorPattern> sensors = new ArrayList<>();
        if (!t.contains("sensors")) {
            problems.add(origin + ": [[model]] has no sensors; add e.g. sensors = [\"arm-*\", \"spindle-3\"]");
        } else if (!t.isArray("sensors")) {
            problems.add(origin(t, "sensors", origin) + ": sensors must be an array of names or patterns, e.g. "
                    + "sensors = [\"arm-*\"]");
        } else {
            TomlArray a = t.getArrayOrEmpty("sensors");
            for (int i = 0; i < a.size(); i++) {
                Object v = a.get(i);
                try {
                    sensors.add(new SensorPattern(v instanceof String s ? s : null));
                } catch (IllegalArgumentException e) {
                    problems.add(origin(t, "sensors", origin) + ": "
                            + (v instanceof String
                                    ? e.getMessage()
                                    : "sensors[" + i + "] is " + v + ", not a string; write e.g. \"arm-*\""));
                }
            }
        }
        if (problems.size() > before || path == null) {
            return null;
        }
        Path model = dir.resolve(path).normalize();
        return new ModelSetEntry(
                name != null ? name : model.getFileName().toString(),
                model,
                manifest == null ? null : dir.resolve(manifest).normalize(),
                sensors,
                origin);
    }

    private static String string(TomlTable t, String key, String origin, List<String> problems) {
        if (!t.contains(key)) {
            return null;
        }
        if (!t.isString(key) || t.getString(key).isBlank()) {
            problems.add(origin(t, key, origin) + ": " + key + " must be a non-empty string, e.g. " + key + " = \"…\"");
            return null;
        }
        return t.getString(key);
    }

    private static String origin(TomlTable t, String key, String fallback) {
        var p = t.inputPositionOf(key);
        return p == null ? fallback : fallback.substring(0, fallback.lastIndexOf(':')) + ":" + p.line();
    }
}
