package io.lpmsedge.scoreservice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP → a model reload ({@code systemctl reload}, {@code kill -HUP}). Java has no public signal API;
 * {@code sun.misc.Signal} (module jdk.unsupported, present in OpenJDK and its builds) is the one that exists.
 * Where it is missing or the JVM keeps SIGHUP for itself (e.g. {@code -Xrs}), this says so once and the service
 * relies on its file watch: a changed model, manifest or model-set file reloads by itself (docs/score-service-models.md).
 */
final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Runs {@code onHangup} on the JVM's signal thread at every SIGHUP (keep it short: hand the work off).
     *
     * @return restores the handler there was before (tests install and remove it in one JVM)
     */
    static AutoCloseable install(Runnable onHangup) {
        try {
            sun.misc.Signal hup = new sun.misc.Signal("HUP");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(hup, s -> onHangup.run());
            return () -> sun.misc.Signal.handle(hup, previous);
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.warn("SIGHUP cannot be handled on this JVM ({}); reload by changing a model, manifest or the model set "
                    + "file instead (the service watches them)", e.toString());
            return () -> { };
        }
    }
}
