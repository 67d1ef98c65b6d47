package io.lpmsedge.bridge.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's side of running as a service: {@code READY=1} once started, then on every tick a status line
 * and — only while the {@link ProgressJudge} sees progress — {@code WATCHDOG=1}; {@code STOPPING=1} when a clean
 * stop begins. One daemon thread ("watchdog") does the ticking; with {@link ServiceNotifier#none()} nothing runs.
 */
public final class ServiceOps {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceOps.class);
    /** Status refresh when systemd asked for no watchdog. */
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(30);

    private final ProgressProbe probe;
    private final ProgressJudge judge;
    private final ServiceNotifier notifier;
    private final Optional<Duration> watchdogInterval;
    private ScheduledExecutorService ticker;
    private boolean stopping;
    private boolean progressing = true;

    /**
     * @param watchdogInterval how often to feed the watchdog, empty when systemd asked for none (see
     *                         {@link #watchdogInterval(Map, long)})
     */
    public ServiceOps(
            ProgressProbe probe, QuietLimits limits, ServiceNotifier notifier, Optional<Duration> watchdogInterval) {
        this.probe = probe;
        this.judge = new ProgressJudge(limits);
        this.notifier = notifier;
        this.watchdogInterval = watchdogInterval;
    }

    /**
     * The ping interval systemd asks for: a third of {@code WATCHDOG_USEC} (half is the documented maximum; a
     * third leaves room for a slow tick), when {@code WATCHDOG_PID} is unset or is this process.
     */
    public static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000 / 3)) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warn("WATCHDOG_USEC '{}' is not a number of microseconds; not feeding the watchdog", usec);
            return Optional.empty();
        }
    }

    /** Start-up is complete: says READY=1 and starts the ticks. Does nothing once a stop has begun. */
    public synchronized void start() {
        if (stopping || notifier == ServiceNotifier.none()) {
            return;
        }
        notifier.ready("started; " + describe(probe.snapshot()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = watchdogInterval.orElse(STATUS_INTERVAL).toNanos();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        watchdogInterval.ifPresent(i ->
                LOG.info("systemd watchdog: feeding every {} ms while the pipeline makes " + "progress", i.toMillis()));
    }

    /** A clean stop begins: no more pings (the stop has its own timeout), STOPPING=1. */
    public synchronized void stopping() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (ticker != null) {
            ticker.shutdown();
        }
        notifier.stopping("stopping: draining the hand-off and delivering what is spooled");
    }

    private void tick() {
        try {
            ProgressSnapshot s = probe.snapshot();
            ProgressJudge.Verdict v = judge.assess(s, System.nanoTime());
            // Sent under the lock: once stopping() has said STOPPING=1, no ping may follow it.
            synchronized (this) {
                if (stopping) {
                    return;
                }
                if (v.progressing() != progressing) {
                    if (v.progressing()) {
                        LOG.info("pipeline makes progress again; feeding the systemd watchdog");
                    } else {
                        LOG.warn(
                                "pipeline makes no progress, no longer feeding the systemd watchdog: {}",
                                String.join("; ", v.reasons()));
                    }
                    progressing = v.progressing();
                }
                if (!v.progressing()) {
                    notifier.status("NO PROGRESS: " + String.join("; ", v.reasons()));
                } else if (watchdogInterval.isPresent()) {
                    notifier.watchdog(describe(s));
                } else {
                    notifier.status(describe(s));
                }
            }
        } catch (RuntimeException e) {
            // A failing probe must not end the ticks silently (the scheduler would drop the task).
            LOG.error("watchdog check failed: {}", e.toString());
        }
    }

    /**
     * E.g. {@code 3/3 sensors streaming, 120431 readings; sink cluster 12 pending}, or while some are not streaming
     * {@code 1/3 sensors streaming (2 connecting), 0 readings; …}: at start-up sensors are still connecting, and
     * "1/3 streaming" alone would read as two being down.
     */
    static String describe(ProgressSnapshot s) {
        long streaming =
                s.sensors().stream().filter(x -> x.state().equals("STREAMING")).count();
        StringBuilder sb = new StringBuilder()
                .append(streaming)
                .append('/')
                .append(s.sensors().size())
                .append(" sensors streaming");
        Map<String, Long> others = new LinkedHashMap<>();
        for (ProgressSnapshot.Sensor sensor : s.sensors()) {
            String doing = doing(sensor.state());
            if (doing != null) {
                others.merge(doing, 1L, Long::sum);
            }
        }
        if (!others.isEmpty()) {
            StringJoiner j = new StringJoiner(", ", " (", ")");
            // Fixed order, whatever order the sensors are in: the line reads the same from tick to tick.
            for (String doing : List.of(CONNECTING, RECONNECTING, STOPPED)) {
                Long n = others.get(doing);
                if (n != null) {
                    j.add(n + " " + doing);
                }
            }
            sb.append(j);
        }
        sb.append(", ").append(s.dispatched()).append(" readings");
        for (ProgressSnapshot.Sink sink : s.sinks()) {
            sb.append("; sink ")
                    .append(sink.name())
                    .append(' ')
                    .append(sink.pending())
                    .append(" pending");
        }
        return sb.toString();
    }

    private static final String CONNECTING = "connecting";
    private static final String RECONNECTING = "waiting to reconnect";
    private static final String STOPPED = "stopped";

    /** What a sensor that is not streaming is doing, in the status line's words (null while streaming). */
    private static String doing(String state) {
        return switch (state) {
            case "STREAMING" -> null;
            case "CONNECTING", "CONFIGURING" -> CONNECTING;
            case "BACKOFF" -> RECONNECTING;
            case "STOPPED" -> STOPPED;
            default -> state.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
