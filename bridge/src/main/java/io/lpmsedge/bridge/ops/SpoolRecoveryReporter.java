package io.lpmsedge.bridge.ops;

import io.lpmsedge.bridge.spool.RecoveryProgress;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says how far the check of the spool's older segments is: every {@link #EVERY} a log line and systemd's STATUS,
 * and one line when it is done. Since issue 14.4 that check runs in the background after start-up (an 8 GB spool
 * read at an SD card's 40–90 MB/s takes minutes, during which sensors used not to be read), so there is no start
 * timeout to extend any more; the records of a segment are delivered once it is checked, and this tells an
 * operator why old records are not flowing yet.
 */
public final class SpoolRecoveryReporter implements RecoveryProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecoveryReporter.class);
    static final Duration EVERY = Duration.ofSeconds(5);

    private final ServiceNotifier notifier;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastReportNanos;
    private boolean done;

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
        long seconds = Duration.ofNanos(now - startNanos).toSeconds();
        if (bytesDone >= bytesTotal) {
            if (!done && lastReportNanos != startNanos) { // only after a check long enough to have been reported
                String status = String.format(
                        java.util.Locale.ROOT,
                        "spool checked after a restart: %.1f MB in %d s; older records are being delivered",
                        bytesTotal / 1e6,
                        seconds);
                LOG.info(status);
                notifier.status(status);
            }
            done = true;
            return;
        }
        if (now - lastReportNanos < EVERY.toNanos()) {
            return;
        }
        lastReportNanos = now;
        String status = String.format(
                java.util.Locale.ROOT,
                "checking the spool after a restart: %.1f of %.1f MB (%d %%) in %d s;"
                        + " new readings are spooled meanwhile, older ones are delivered once checked",
                bytesDone / 1e6,
                bytesTotal / 1e6,
                bytesTotal == 0 ? 100 : bytesDone * 100 / bytesTotal,
                seconds);
        LOG.info(status);
        notifier.status(status);
    }
}
