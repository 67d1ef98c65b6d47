package io.lpmsedge.scoreservice;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/** One score-service instance on its own thread, as a process would run it; stop() is what SIGTERM does. */
final class Instance implements AutoCloseable {
    final ScoreService service;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Instance(ServiceSettings settings, ModelSet models, String name) {
        this(settings, models, name, System::nanoTime);
    }

    /** @param nanos the clock pacing the instance's commits */
    Instance(ServiceSettings settings, ModelSet models, String name, LongSupplier nanos) {
        service = new ScoreService(settings, models, nanos);
        thread = new Thread(
                () -> {
                    try {
                        service.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                name);
        thread.start();
    }

    ServiceCounters counters() {
        return service.counters();
    }

    @Override
    public void close() throws InterruptedException {
        service.stop();
        thread.join(Duration.ofSeconds(30).toMillis());
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop within 30 s");
        }
        if (failure.get() != null) {
            throw new AssertionError(thread.getName() + " failed", failure.get());
        }
    }
}
