package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.modelset.FileStamp;
import io.lpmsedge.scorer.modelset.FileWatch;
import io.lpmsedge.scorer.modelset.ModelSetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the model set without a restart, on its own thread so loading (a POJO compiles for seconds) never holds
 * up scoring: on request (SIGHUP) and when a watched file changed (the model-set file, every model and manifest;
 * polled by size, modification time and inode). A successful load is handed to the service ({@code install});
 * a refused one (a model that does not load, a manifest that does not match, a broken model-set file) is logged
 * as one ERROR line naming the problem and the fix, and the service keeps scoring with what it had.
 *
 * <p>A change is acted on once it has held still for one poll interval, so a model still being copied is not
 * loaded half-written; files that were refused are not tried again until they change again.
 */
final class ModelReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelReloader.class);

    private final ModelSetLoader loader;
    private final Consumer<ModelSet> install;
    private final ServiceCounters counters;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-reloader");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong checks = new AtomicLong();
    // Reloader thread only:
    private ModelSet current;
    private final FileWatch watch = new FileWatch();

    /**
     * @param current what the service runs now (loaded by {@code loader}, so its files are the watched ones)
     */
    ModelReloader(ModelSetLoader loader, ModelSet current, Consumer<ModelSet> install, ServiceCounters counters) {
        this.loader = loader;
        this.current = current;
        this.install = install;
        this.counters = counters;
    }

    /** Checks the watched files every {@code interval} (zero: never; reload then only on request). */
    ModelReloader watchEvery(Duration interval) {
        if (!interval.isZero()) {
            long ms = Math.max(1, interval.toMillis());
            thread.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Reloads soon, on the reloader thread; safe from a signal handler. */
    Future<?> request(String why) {
        return thread.submit(() -> reload(why));
    }

    /** File checks done so far (for tests: "the watch has looked N more times"). */
    long checks() {
        return checks.get();
    }

    private void check() {
        try {
            Set<Path> changed = watch.poll(loader.watchedStamps());
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
        Map<Path, FileStamp> seen = FileStamp.of(loader.watchedStamps().keySet());
        ModelSet next;
        try {
            next = loader.load();
        } catch (ModelSetException | RuntimeException e) {
            watch.refused(seen);
            counters.reloadsRefused.incrementAndGet();
            LOG.error(
                    "model reload ({}) refused, still scoring with the models loaded before: {}",
                    why,
                    e instanceof ModelSetException ? e.getMessage() : e.toString());
            return;
        }
        watch.accepted();
        long changed = next.models().stream()
                .filter(m -> !current.models().contains(m))
                .count();
        current = next;
        counters.reloads.incrementAndGet();
        install.accept(next);
        LOG.info(
                "models reloaded from {} ({}): {} models, {} new or changed; sensors move at their next window "
                        + "boundary",
                next.source(),
                why,
                next.models().size(),
                changed);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
