package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.ScoringModels;
import io.lpmsedge.bridge.scoring.ScoringReloader;
import io.lpmsedge.bridge.scoring.SensorModel;
import io.lpmsedge.bridge.session.SensorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reload reads: the whole config file again, checked exactly as at start, of which only the scoring models
 * are applied. Every other change (sensors, links, delivery, HTTP, the verdict topic, the hand-off size, GPIO…)
 * needs a restart: it is named in one WARN line and not applied at all, so a running bridge never runs half of a
 * new file. The new models are checked against the sensors as they <em>run</em>, not as the file now says, since
 * changed sensor settings only take effect at a restart.
 */
public final class ScoringReloadSource implements ScoringReloader.Source {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringReloadSource.class);

    private final Path file;
    private final Map<String, String> env;
    private final BridgeConfig running;

    public ScoringReloadSource(Path file, Map<String, String> env, BridgeConfig running) {
        this.file = file;
        this.env = Map.copyOf(env);
        this.running = running;
    }

    @Override
    public ScoringConfig load() {
        BridgeConfig next;
        try {
            next = new ConfigLoader(env).load(file);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config '" + file + "': " + e + "; restore the file", e);
        }
        if (!next.scoring().enabled()) {
            throw new IllegalArgumentException(file + ": [scoring] is now off; turning scoring off needs a restart "
                    + "(systemctl restart lpms-edge), or restore its model");
        }
        List<String> problems = new ArrayList<>();
        for (SensorModel m : next.scoring().models()) {
            for (String name : m.sensors()) {
                SensorConfig sensor = running.sensors().stream()
                        .filter(s -> s.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (sensor == null) {
                    problems.add(file + ": sensor '" + name + "' of model '" + m.name()
                            + "' is new; a new sensor needs " + "a restart (systemctl restart lpms-edge)");
                    continue;
                }
                try {
                    ScoringModels.checkSensor(m.scorer(), sensor);
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": model '" + m.name() + "' (" + m.origin() + ") against the running sensor: "
                            + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<String> restart = needRestart(running, next);
        if (!restart.isEmpty()) {
            LOG.warn(
                    "{} changed {}: not applied, these need a restart (systemctl restart lpms-edge); only the scoring "
                            + "models are reloaded",
                    file,
                    restart);
        }
        return next.scoring();
    }

    /** The sections and keys that differ between two configurations, other than the scoring models. */
    static List<String> needRestart(BridgeConfig a, BridgeConfig b) {
        List<String> out = new ArrayList<>();
        differs(out, "[bridge] name", a.bridgeName(), b.bridgeName());
        List<String> names = new ArrayList<>();
        a.sensors().forEach(s -> names.add(s.name()));
        b.sensors().stream()
                .map(SensorConfig::name)
                .filter(n -> !names.contains(n))
                .forEach(names::add);
        for (String n : names) {
            differs(out, "[[sensor]] " + n, sensor(a, n), sensor(b, n));
        }
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
        differs(out, "[scoring] verdict_topic", x.verdictTopic(), y.verdictTopic());
        differs(out, "[scoring] queue_capacity", x.queueCapacity(), y.queueCapacity());
        differs(out, "[scoring] window_events", x.windowEvents(), y.windowEvents());
        differs(out, "[scoring] watch_ms", x.watch(), y.watch());
        differs(out, "[gpio]", x.gpio(), y.gpio());
        return out;
    }

    private static SensorConfig sensor(BridgeConfig c, String name) {
        return c.sensors().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static void differs(List<String> out, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(key);
        }
    }
}
