package io.lpmsedge.bridge.ops;

import io.lpmsedge.bridge.spool.RecoveryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps systemd patient while a large spool is checked at start-up: every {@link #EVERY} it extends the start
 * timeout by {@link #EXTEND_BY} and says how far the scan is (STATUS, and a log line). An 8 GB spool read at an
 * SD card's 40–90 MB/s takes longer than the unit's {@code TimeoutStartSec}; without this the service would be
 * killed mid-scan and restarted into the same scan again and again, delivering nothing.
 */
public final class SpoolRecoveryReporter implements RecoveryProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecoveryReporter.class);
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Several reports' worth: one late report must not be fatal. */
    static final Duration EXTEND_BY = Duration.ofSeconds(30);

    private final ServiceNotifier notifier;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastReportNanos;

    public SpoolRecoveryReporter(ServiceNotifier notifier) {
        this(notifier, System::nanoTime);
    }

    SpoolRecoveryReporter(ServiceNotifier notifier, LongSupplier nanoTime) {
        this.notifier = notifier;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastReportNanos = startNanos;
    }

    @Override
    public void scanned(long bytesDone, long bytesTotal) {
        long now = nanoTime.getAsLong();
        if (now - lastReportNanos < EVERY.toNanos() || bytesDone >= bytesTotal) {
            return;
        }
        lastReportNanos = now;
        String status = String.format(java.util.Locale.ROOT, "checking the spool after a restart: %.1f of %.1f MB (%d %%) in %d s",
                bytesDone / 1e6, bytesTotal / 1e6, bytesTotal == 0 ? 100 : bytesDone * 100 / bytesTotal,
                Duration.ofNanos(now - startNanos).toSeconds());
        LOG.info(status);
        notifier.startingSlowly(EXTEND_BY, status);
    }
}
