package io.lpmsedge.bridge.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed, validated reads from one TOML table, with an environment-variable override per key. Every problem
 * is recorded (with file line or variable name, key path and a fix) instead of thrown, so one run of
 * check-config reports them all. Keys present in the file but never read are reported as unknown.
 */
final class TomlSection {
    private final String file;
    private final TomlTable table;
    private final TomlPosition tablePosition;
    private final String path;
    private final String envPrefix;
    private final Map<String, String> env;
    private final List<ConfigProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * @param table     the table, or {@code null} when the file has no such section (defaults and env apply)
     * @param path      key path prefix for messages: {@code link}, {@code sensor[2]}
     * @param envPrefix variable prefix: {@code LPMS_EDGE_LINK_}
     */
    TomlSection(
            String file,
            TomlTable table,
            TomlPosition tablePosition,
            String path,
            String envPrefix,
            Map<String, String> env,
            List<ConfigProblem> problems) {
        this.file = file;
        this.table = table;
        this.tablePosition = tablePosition;
        this.path = path;
        this.envPrefix = envPrefix;
        this.env = env;
        this.problems = problems;
    }

    static String envName(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The config file's name, as problems cite it. */
    String file() {
        return file;
    }

    String envPrefix() {
        return envPrefix;
    }

    /** A string, or {@code dflt} ({@code null} = required). */
    String string(String key, String dflt) {
        return read(key, dflt, "a string, e.g. " + key + " = \"…\"", v -> v instanceof String s ? s : null, s -> s);
    }

    long integer(String key, long dflt, long min, long max, String unitHint) {
        Long v = read(
                key,
                dflt,
                "a whole number" + (unitHint.isBlank() ? "" : " (" + unitHint.trim() + ")"),
                v2 -> v2 instanceof Long l ? l : null,
                Long::parseLong);
        if (v == null) {
            return dflt;
        }
        if (v < min || v > max) {
            problem(key, "is " + v + ", must be " + min + ".." + max + unitHint);
            return dflt;
        }
        return v;
    }

    boolean bool(String key, boolean dflt) {
        Boolean v = read(key, dflt, "true or false", v2 -> v2 instanceof Boolean b ? b : null, s -> {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException();
        });
        return v == null ? dflt : v;
    }

    /** A list of strings: a TOML array, or a comma-separated environment variable. */
    List<String> stringList(String key, List<String> dflt) {
        return read(
                key,
                dflt,
                "a list of strings, e.g. " + key + " = [\"gyro\", \"acc\"]",
                v -> {
                    if (!(v instanceof TomlArray a)) {
                        return null;
                    }
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < a.size(); i++) {
                        if (!(a.get(i) instanceof String s)) {
                            return null;
                        }
                        out.add(s);
                    }
                    return out;
                },
                s -> s.isBlank() ? List.of() : List.of(s.trim().split("\\s*,\\s*")));
    }

    /** A table of string values (no environment override: use a properties file for secrets). */
    Map<String, String> stringMap(String key) {
        known.add(key);
        Object raw = table == null ? null : table.get(key);
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof TomlTable t)) {
            problem(key, "must be a table of strings, e.g. " + key + " = { \"security.protocol\" = \"SSL\" }");
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        flatten(key, "", t, out);
        return out;
    }

    /** {@code security.protocol = "SSL"} (a nested table) and {@code "security.protocol" = "SSL"} read alike. */
    private void flatten(String key, String prefix, TomlTable t, Map<String, String> out) {
        for (String k : t.keySet()) {
            Object v = t.get(java.util.List.of(k));
            String name = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof TomlTable nested) {
                flatten(key, name, nested, out);
            } else if (v instanceof String || v instanceof Long || v instanceof Boolean) {
                out.put(name, String.valueOf(v));
            } else {
                problem(key, "value of '" + name + "' must be a string, number or boolean");
            }
        }
    }

    String env(String name) {
        return env.get(name);
    }

    boolean tableContains(String key) {
        return table != null && table.contains(key);
    }

    /**
     * The array of tables under {@code key} ({@code [[scoring.model]]} inside {@code [scoring]}), or {@code null}
     * when the key is absent or something else; marks the key as known either way.
     */
    TomlArray tableArray(String key) {
        known.add(key);
        return table != null && table.isArray(key) ? table.getArray(key) : null;
    }

    /** A section for one table of {@link #tableArray}, reporting into the same problem list. */
    TomlSection child(TomlTable child, TomlPosition position, String childPath, String childEnvPrefix) {
        return new TomlSection(file, child, position, childPath, childEnvPrefix, env, problems);
    }

    void markKnown(String key) {
        known.add(key);
    }

    /** Whether the file (or the environment) sets this key. */
    boolean isSet(String key) {
        return env.containsKey(envName(envPrefix, key)) || (table != null && table.contains(key));
    }

    /** Converts a read value; a conversion failure becomes a problem with the converter's message. */
    <T, R> R convert(String key, T value, Function<T, R> converter) {
        if (value == null) {
            return null;
        }
        try {
            return converter.apply(value);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    void problem(String key, String message) {
        String envName = envName(envPrefix, key);
        String origin = env.containsKey(envName) ? "env " + envName : file + ":" + line(key);
        problems.add(new ConfigProblem(origin, key.isEmpty() ? path : path + "." + key, message));
    }

    /** Reports keys of the table that no read asked for, suggesting the closest known key. */
    void reportUnknownKeys() {
        if (table == null) {
            return;
        }
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                String hint = closest(key);
                problem(
                        key,
                        "unknown key" + (hint == null ? "." : "; did you mean '" + hint + "'?") + " Known keys here: "
                                + String.join(", ", known));
            }
        }
    }

    private <T> T read(String key, T dflt, String expected, Function<Object, T> fromToml, Function<String, T> fromEnv) {
        known.add(key);
        String envName = envName(envPrefix, key);
        String envValue = env.get(envName);
        if (envValue != null) {
            try {
                return fromEnv.apply(envValue);
            } catch (RuntimeException e) {
                problem(key, "'" + envValue + "' is not " + expected);
                return dflt;
            }
        }
        Object raw = table == null ? null : table.get(key);
        if (raw == null) {
            if (dflt == null) {
                problem(key, "is missing; it is required (" + expected + ")");
            }
            return dflt;
        }
        T v = fromToml.apply(raw);
        if (v == null) {
            problem(key, "must be " + expected);
            return dflt;
        }
        return v;
    }

    private String line(String key) {
        if (table != null && table.contains(key)) {
            TomlPosition p = table.inputPositionOf(key);
            if (p != null) {
                return String.valueOf(p.line());
            }
        }
        return tablePosition == null ? "1" : String.valueOf(tablePosition.line());
    }

    private String closest(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String k : known) {
            // "rate" for "rate_hz", "outputs_list" for "outputs": a prefix is the likelier slip.
            if (k.startsWith(lower) || lower.startsWith(k)) {
                return k;
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
