package io.lpmsedge.cli;

import java.util.Optional;

/**
 * SIGHUP → a reload ({@code systemctl reload}, {@code kill -HUP}), for every long-running command that reloads its
 * models (the bridge's {@code run}, {@code score-service}). Java has no public signal API; {@code sun.misc.Signal}
 * (module jdk.unsupported, present in OpenJDK and its builds) is the one that exists. Where it is missing or the
 * JVM keeps SIGHUP for itself (e.g. {@code -Xrs}), {@link #unavailable()} says why and the caller tells the user
 * once that its file watch is the way to reload (docs/score-service-models.md, docs/scoring.md).
 */
public final class HangupSignal implements AutoCloseable {
    private final Runnable restore;
    private final String unavailable;

    private HangupSignal(Runnable restore, String unavailable) {
        this.restore = restore;
        this.unavailable = unavailable;
    }

    /**
     * Runs {@code onHangup} on the JVM's signal thread at every SIGHUP (keep it short: hand the work off).
     * {@link #close()} restores the handler there was before (tests install and remove it in one JVM).
     */
    public static HangupSignal install(Runnable onHangup) {
        try {
            sun.misc.Signal hup = new sun.misc.Signal("HUP");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(hup, s -> onHangup.run());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // The JVM does not take over a signal its parent made it ignore (nohup, some CI runners): the handler
                // above was not installed natively, so a SIGHUP would never arrive. Say so instead of pretending.
                sun.misc.Signal.handle(hup, previous);
                return new HangupSignal(
                        () -> {},
                        "SIGHUP is ignored in this process (started with SIGHUP ignored, e.g. "
                                + "under nohup); start it without that to reload on SIGHUP");
            }
            return new HangupSignal(() -> sun.misc.Signal.handle(hup, previous), null);
        } catch (IllegalArgumentException | LinkageError e) {
            return new HangupSignal(() -> {}, e.toString());
        }
    }

    /** Why SIGHUP is not handled on this JVM; empty when it is. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public void close() {
        restore.run();
    }
}
