package io.lpmsedge.bridge.reload;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigException;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.config.ConfigProblem;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.ScoringStage;
import io.lpmsedge.bridge.scoring.SensorModel;
import io.lpmsedge.scorer.modelset.FileStamp;
import io.lpmsedge.scorer.modelset.FileWatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the bridge's configuration without a restart, on its own thread (loading a model can take seconds: a POJO
 * compiles) so nothing on the reading path waits for it: on request (SIGHUP, {@code systemctl reload}) and, with
 * scoring, when a model or manifest file changed (polled by size, modification time and inode, edge-scorer's
 * {@link FileStamp}, as the score-service's watch does).
 *
 * <p>Each reload reads the whole file and checks it as at start. A file that fails (a parse error, a duplicate
 * sensor name, a model that does not load, a pattern that now matches no sensor…) changes nothing: one ERROR line
 * names every problem with its file:line and fix. Otherwise {@link ReloadPlan} says what changes, a WARN line names
 * the changed keys that need a restart, and the {@link Applier} (the bridge) starts, stops and restarts sensors and
 * hands the models to the scorer. Either way the outcome is counted in the bridge-wide {@link ReloadCounters}.
 *
 * <p>When a changed file is acted on is edge-scorer's {@link FileWatch}, as in the score-service: once the change has
 * held still for one poll interval; files that were refused are not tried again until they change again (or the next
 * SIGHUP).
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** Reads the configuration again (the whole file, checked as at start). */
    @FunctionalInterface
    public interface Loader {
        /**
         * @throws IllegalArgumentException with every problem found, each with its file:line and fix
         */
        BridgeConfig load();

        /** The file at {@code file} with the {@code LPMS_EDGE_*} overrides of {@code env}. */
        static Loader file(Path file, Map<String, String> env) {
            Map<String, String> copy = Map.copyOf(env);
            return () -> {
                try {
                    return new ConfigLoader(copy).load(file);
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(
                            e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")), e);
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                            "cannot read config '" + file + "': " + e + "; restore the file", e);
                }
            };
        }
    }

    /** Makes a running bridge what a plan says. */
    @FunctionalInterface
    public interface Applier {
        /**
         * Applies the plan's sensor changes and hands its models to the scorer (called on the reloader thread).
         *
         * @param changedModelFiles model and manifest files whose contents changed since they were loaded
         * @return what changed, in words, for the log line
         */
        String apply(ReloadPlan plan, Set<Path> changedModelFiles, Instant at);

        /**
         * Models only, for a scorer without a bridge around it (benchmarks, scorer tests): a plan that starts or
         * stops sensors is refused.
         */
        static Applier models(ScoringStage stage) {
            return (plan, changed, at) -> {
                if (plan.changesSensors()) {
                    throw new IllegalArgumentException("only the models can be reloaded here, not "
                            + plan.describeSensors() + "; restart to apply them");
                }
                return modelsMoved(stage.install(plan.next().scoring(), changed, at));
            };
        }
    }

    private final Loader loader;
    private final String fileName;
    private final Applier applier;
    private final ReloadCounters counters;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "config-reloader");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong checks = new AtomicLong();
    // Reloader thread only:
    private final FileWatch watch = new FileWatch();
    private Map<Path, FileStamp> watched;
    private BridgeConfig running;

    /**
     * @param fileName the config file's name, for log lines
     * @param running  the configuration the bridge was started with (its model and manifest files are watched)
     */
    public ConfigReloader(
            Loader loader,
            String fileName,
            BridgeConfig running,
            Applier applier,
            ReloadCounters counters,
            Clock clock) {
        this.loader = loader;
        this.fileName = fileName;
        this.running = running;
        this.applier = applier;
        this.counters = counters;
        this.clock = clock;
        this.watched = FileStamp.of(files(running.scoring()));
    }

    /** Checks the model and manifest files every {@code interval} (zero: never; reload then only on request). */
    public ConfigReloader watchEvery(Duration interval) {
        if (!interval.isZero()) {
            long ms = Math.max(1, interval.toMillis());
            thread.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Reloads soon, on the reloader thread; safe from a signal handler. */
    public Future<?> request(String why) {
        return thread.submit(() -> reload(why));
    }

    /** File checks done so far (tests: "the watch has looked N more times"). */
    public long checks() {
        return checks.get();
    }

    public ReloadCounters counters() {
        return counters;
    }

    private void check() {
        try {
            Set<Path> changed = watch.poll(watched);
            if (!changed.isEmpty()) {
                reload("changed: " + FileWatch.describe(changed));
            }
        } catch (RuntimeException e) {
            LOG.error("checking the model files failed: {}", e.toString());
        } finally {
            checks.incrementAndGet();
        }
    }

    private void reload(String why) {
        Map<Path, FileStamp> seen = FileStamp.of(watched.keySet());
        ReloadPlan plan;
        Map<Path, FileStamp> nextStamps;
        try {
            plan = ReloadPlan.of(running, loader.load(), fileName);
            // Stamps of what was just loaded; a file changed while it was read is seen as changed again next time.
            nextStamps = FileStamp.of(files(plan.next().scoring()));
        } catch (RuntimeException e) {
            watch.refused(seen);
            refused(why, e);
            return;
        }
        if (!plan.needRestart().isEmpty()) {
            LOG.warn(
                    "{} changed {}: not applied, these need a restart (systemctl restart lpms-edge); sensors and "
                            + "scoring models are applied now",
                    fileName,
                    plan.needRestart());
        }
        String done;
        try {
            done = applier.apply(plan, FileWatch.changed(watched, nextStamps), clock.instant());
        } catch (RuntimeException e) {
            watch.refused(seen);
            refused(why, e);
            return;
        }
        watch.accepted();
        watched = nextStamps;
        running = plan.next();
        String message = "config reloaded (" + why + "): " + done;
        counters.installed(clock.instant(), message);
        LOG.info(message);
    }

    private void refused(String why, RuntimeException e) {
        String message = "config reload (" + why + ") refused, nothing changed (sensors and models run as before): "
                + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
        counters.refused(clock.instant(), message);
        LOG.error(message);
    }

    /** The log wording of the sensors that move to another model. */
    public static String modelsMoved(List<String> moved) {
        return moved.isEmpty()
                ? "no sensor changes model"
                : "sensor(s) " + moved + " move to their new model at their next window boundary";
    }

    private static List<Path> files(ScoringConfig config) {
        Set<Path> out = new LinkedHashSet<>();
        for (SensorModel m : config.models()) {
            out.add(m.model());
            out.add(m.manifest());
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
