package io.lpmsedge.bridge.reload;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.session.SensorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one reload changes in a running bridge, worked out from the running configuration and the file as it is now
 * (checked in full, as at start). The rule (docs/install-and-operate.md#reloading-the-configuration):
 *
 * <ul>
 *   <li><b>applied</b>: the {@code [[sensor]]} tables (a new sensor is started, a removed one stopped, one whose
 *       settings changed restarted alone) and the scoring models ({@code [[scoring.model]]}, or {@code [scoring]
 *       model/manifest/sensors});</li>
 *   <li><b>not applied, needs a restart</b>: every bridge-wide key ({@code [bridge]}, {@code [link]},
 *       {@code [pipeline]}, {@code [spool]}, {@code [record]}, {@code [[sink]]}, {@code [http]}, {@code [status]},
 *       {@code [scoring]}'s own keys, {@code [gpio]}, and turning scoring on). They are named in one WARN line and
 *       the bridge keeps running them as they were; the sensor and model changes are applied all the same, because
 *       each sensor only joins the pipeline the running bridge-wide settings make (a new sensor connects with the
 *       running {@code [link]} timings, its readings go to the running spool and sinks, its verdicts to the running
 *       topic): nothing of the new file runs half-applied;</li>
 *   <li><b>refused, nothing changes</b>: a file that does not pass the start-up checks, and turning scoring off
 *       (its stage owns the verdict output; that needs a restart).</li>
 * </ul>
 *
 * @param next        what runs after the reload: the file's sensors and models with the running bridge-wide settings
 * @param added       sensors new in the file, in file order
 * @param removed     names of running sensors the file no longer has
 * @param restarted   sensors whose settings changed (their new settings), in file order
 * @param needRestart the bridge-wide sections and keys that changed and are not applied
 */
public record ReloadPlan(
        BridgeConfig next,
        List<SensorConfig> added,
        List<String> removed,
        List<SensorConfig> restarted,
        List<String> needRestart) {
    public ReloadPlan {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        restarted = List.copyOf(restarted);
        needRestart = List.copyOf(needRestart);
    }

    /**
     * @param file the file's name, for the refusal message
     * @throws IllegalArgumentException when the file turns scoring off (refused: nothing changes)
     */
    public static ReloadPlan of(BridgeConfig running, BridgeConfig fromFile, String file) {
        if (running.scoring().enabled() && !fromFile.scoring().enabled()) {
            throw new IllegalArgumentException(file + ": [scoring] is now off; turning scoring off needs a restart "
                    + "(systemctl restart lpms-edge), or restore its model");
        }
        Map<String, SensorConfig> before = byName(running.sensors());
        Map<String, SensorConfig> after = byName(fromFile.sensors());
        List<SensorConfig> added = new ArrayList<>();
        List<SensorConfig> restarted = new ArrayList<>();
        for (SensorConfig s : fromFile.sensors()) {
            SensorConfig old = before.get(s.name());
            if (old == null) {
                added.add(s);
            } else if (!old.equals(s)) {
                restarted.add(s);
            }
        }
        List<String> removed = running.sensors().stream()
                .map(SensorConfig::name)
                .filter(n -> !after.containsKey(n))
                .toList();
        ScoringConfig x = running.scoring();
        ScoringConfig y = fromFile.scoring();
        ScoringConfig scoring = x.enabled()
                ? new ScoringConfig(
                        true, y.models(), x.verdictTopic(), x.queueCapacity(), x.windowEvents(), x.watch(), x.gpio())
                : x;
        BridgeConfig next = new BridgeConfig(
                running.bridgeName(),
                fromFile.sensors(),
                running.link(),
                running.pipeline(),
                running.delivery(),
                scoring,
                running.http(),
                running.status());
        return new ReloadPlan(next, added, removed, restarted, needRestart(running, fromFile));
    }

    /** Whether any sensor starts, stops or restarts. */
    public boolean changesSensors() {
        return !added.isEmpty() || !removed.isEmpty() || !restarted.isEmpty();
    }

    /** The sensor changes in words, e.g. {@code sensor(s) [arm-3] added, [arm-1] removed}; empty when none. */
    public String describeSensors() {
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add(names(added) + " added");
        }
        if (!removed.isEmpty()) {
            parts.add(removed + " removed");
        }
        if (!restarted.isEmpty()) {
            parts.add(names(restarted) + " restarted (settings changed)");
        }
        return parts.isEmpty() ? "" : "sensor(s) " + String.join(", ", parts);
    }

    private static List<String> names(List<SensorConfig> sensors) {
        return sensors.stream().map(SensorConfig::name).toList();
    }

    private static Map<String, SensorConfig> byName(List<SensorConfig> sensors) {
        return sensors.stream()
                .collect(
                        Collectors.toMap(SensorConfig::name, Function.identity(), (a, b) -> a, java.util.HashMap::new));
    }

    /** The bridge-wide sections and keys that differ between two configurations: everything but sensors and models. */
    static List<String> needRestart(BridgeConfig a, BridgeConfig b) {
        List<String> out = new ArrayList<>();
        differs(out, "[bridge] name", a.bridgeName(), b.bridgeName());
        differs(out, "[link]", a.link(), b.link());
        differs(out, "[pipeline]", a.pipeline(), b.pipeline());
        differs(out, "[spool]", a.delivery().spool(), b.delivery().spool());
        differs(out, "[record] format", a.delivery().format(), b.delivery().format());
        differs(
                out,
                "[record] readings_topic",
                a.delivery().readingsTopic(),
                b.delivery().readingsTopic());
        differs(out, "[[sink]]", a.delivery().sinks(), b.delivery().sinks());
        differs(out, "[http]", a.http(), b.http());
        differs(out, "[status]", a.status(), b.status());
        ScoringConfig x = a.scoring();
        ScoringConfig y = b.scoring();
        if (!x.enabled() && y.enabled()) {
            out.add("[scoring] (turned on)");
            return out;
        }
        if (x.enabled()) {
            differs(out, "[scoring] verdict_topic", x.verdictTopic(), y.verdictTopic());
            differs(out, "[scoring] queue_capacity", x.queueCapacity(), y.queueCapacity());
            differs(out, "[scoring] window_events", x.windowEvents(), y.windowEvents());
            differs(out, "[scoring] watch_ms", x.watch(), y.watch());
        }
        differs(out, "[gpio]", x.gpio(), y.gpio());
        return out;
    }

    private static void differs(List<String> out, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(key);
        }
    }
}
