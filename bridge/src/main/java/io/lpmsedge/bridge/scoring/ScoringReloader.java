package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.modelset.FileStamp;
import io.lpmsedge.scorer.modelset.FileWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the bridge's scoring models without a restart, on its own thread so loading (a POJO compiles for seconds)
 * never holds up the scorer: on request (SIGHUP, {@code systemctl reload}) and when a model or manifest file changed
 * (polled by size, modification time and inode, edge-scorer's {@link FileStamp}, as the score-service's watch does).
 * A load that passes every check is handed to the {@link ScoringStage} (sensors move at their next window boundary);
 * a refused one (a model that does not load, a manifest that does not match its model or a sensor's outputs or rate,
 * a config error) is logged as one ERROR line naming the file, the problem and the fix, and the old models keep
 * scoring. Either way the outcome is counted in {@link ScoringStage#reloads()}.
 *
 * <p>When a changed file is acted on is edge-scorer's {@link FileWatch}, as in the score-service: once the change has
 * held still for one poll interval; files that were refused are not tried again until they change again (or the next
 * SIGHUP).
 */
public final class ScoringReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringReloader.class);

    /** Reads the scoring configuration again (the whole config file, checked as at start). */
    @FunctionalInterface
    public interface Source {
        /**
         * @throws IllegalArgumentException with every problem found, each with its file:line and fix
         */
        ScoringConfig load();
    }

    private final Source source;
    private final ScoringStage stage;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-reloader");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong checks = new AtomicLong();
    // Reloader thread only:
    private final FileWatch watch = new FileWatch();
    private Map<Path, FileStamp> watched;

    /**
     * @param running the configuration the stage was started with (its model and manifest files are watched)
     */
    public ScoringReloader(Source source, ScoringConfig running, ScoringStage stage, Clock clock) {
        this.source = source;
        this.stage = stage;
        this.clock = clock;
        this.watched = FileStamp.of(files(running));
    }

    /** Checks the model and manifest files every {@code interval} (zero: never; reload then only on request). */
    public ScoringReloader watchEvery(Duration interval) {
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
        ScoringConfig next;
        Map<Path, FileStamp> nextStamps;
        try {
            next = source.load();
            // Stamps of what was just loaded; a file changed while it was read is seen as changed again next time.
            nextStamps = FileStamp.of(files(next));
        } catch (RuntimeException e) {
            watch.refused(seen);
            String message = "model reload (" + why + ") refused, still scoring with the models loaded before: "
                    + e.getMessage();
            stage.reloads().refused(clock.instant(), message);
            LOG.error(message);
            return;
        }
        watch.accepted();
        Set<Path> changedFiles = FileWatch.changed(watched, nextStamps);
        List<String> moved = stage.install(next, changedFiles, clock.instant());
        watched = nextStamps;
        String message = "models reloaded (" + why + "): " + next.models().size() + " model(s), "
                + (moved.isEmpty()
                        ? "no sensor changes model"
                        : "sensor(s) " + moved + " move to their new model at " + "their next window boundary");
        stage.reloads().installed(clock.instant(), message);
        LOG.info(message);
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
