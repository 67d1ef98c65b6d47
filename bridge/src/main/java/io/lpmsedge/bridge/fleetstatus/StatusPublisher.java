package io.lpmsedge.bridge.fleetstatus;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.StatusConfig;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.delivery.file.JsonLinesSpec;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's status events (docs/fleet.md): one thread looks at the status snapshot once a second and publishes
 * an event when something that matters changed (a link up or down, a verdict, a sink stuck, the spool crossing
 * its mark), at least every {@code [status] interval_ms}, once at start and once at a clean stop. Each event goes
 * to every status sink through its own {@link LatestOnlyLane}, never through the spool. Nothing here is on the
 * reading path: it reads the counters the status page reads.
 */
public final class StatusPublisher implements Bridge.Companion {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    static final long CHECK_NANOS = 1_000_000_000L;

    private final Supplier<BridgeStatus> snapshots;
    private final StatusEventBuilder builder;
    private final StatusEventJson json = new StatusEventJson();
    private final List<LatestOnlyLane> lanes;
    private final List<Thread> laneThreads = new ArrayList<>();
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Object tickSignal = new Object();
    private StatusEventBuilder.Signature lastSignature;
    private long lastPublishedNanos;
    private boolean started;
    private volatile boolean stopping;
    private Thread ticker;

    StatusPublisher(
            Supplier<BridgeStatus> snapshots,
            StatusEventBuilder builder,
            List<LatestOnlyLane> lanes,
            Duration interval,
            LongSupplier nanoTime) {
        this.snapshots = snapshots;
        this.builder = builder;
        this.lanes = List.copyOf(lanes);
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The publisher for a bridge with delivery and {@code [status]} enabled, attached to it, or empty (status off,
     * no delivery, or no sink that reaches Kafka and none listed in {@code [status] sinks}).
     */
    public static Optional<StatusPublisher> attach(Bridge bridge, BridgeConfig config, String version) {
        StatusConfig status = config.status();
        if (!status.enabled() || bridge.delivery() == null) {
            return Optional.empty();
        }
        List<LatestOnlyLane> lanes = new ArrayList<>();
        List<SinkSpec> specs = config.delivery().sinks();
        List<DeliverySink> sinks = bridge.delivery().sinks();
        for (int i = 0; i < specs.size(); i++) {
            SinkSpec spec = specs.get(i);
            boolean chosen = status.sinks() == null
                    ? !(spec instanceof JsonLinesSpec)
                    : status.sinks().contains(spec.name());
            if (chosen) {
                lanes.add(new LatestOnlyLane(
                        sinks.get(i),
                        status.topic(),
                        config.bridgeName(),
                        status.interval().toMillis()));
            }
        }
        if (lanes.isEmpty()) {
            LOG.info("no status events: no Kafka or REST Proxy sink (list a sink in [status] sinks to use it)");
            return Optional.empty();
        }
        StatusReporter reporter = StatusReporter.of(bridge);
        StatusEventBuilder builder = new StatusEventBuilder(
                status,
                version,
                config.delivery().spool().maxBytes(),
                // the model scoring the sensor now (a reload may have swapped it), else the configured one
                sensor -> bridge.scoring() == null
                        ? config.scoring().modelName(sensor)
                        : bridge.scoring().status(sensor).map(v -> v.model()).orElse(null));
        StatusPublisher publisher =
                new StatusPublisher(reporter::snapshot, builder, lanes, status.interval(), System::nanoTime);
        bridge.attach(publisher);
        LOG.info(
                "status events every {} s and on changes to topic {} through sink(s) {}",
                status.interval().toSeconds(),
                status.topic(),
                lanes.stream().map(LatestOnlyLane::sinkName).toList());
        return Optional.of(publisher);
    }

    /**
     * Looks at one snapshot and publishes an event if it is due: the first one ({@code start}), a
     * {@code change}, or {@code periodic} once the interval has passed since the last event.
     *
     * @return the event published, or null when none was due
     */
    synchronized StatusEvent tick() {
        BridgeStatus st = snapshots.get();
        builder.observeErrors(st);
        StatusEventBuilder.Signature signature = builder.signature(st);
        long now = nanoTime.getAsLong();
        String reason;
        if (!started) {
            reason = "start";
        } else if (!signature.equals(lastSignature)) {
            reason = "change";
        } else if (now - lastPublishedNanos >= intervalNanos) {
            reason = "periodic";
        } else {
            return null;
        }
        started = true;
        lastSignature = signature;
        lastPublishedNanos = now;
        return publish(builder.build(st, reason));
    }

    private StatusEvent publish(StatusEvent event) {
        byte[] value = json.encode(event);
        lanes.forEach(l -> l.offer(value));
        return event;
    }

    List<LatestOnlyLane> lanes() {
        return lanes;
    }

    @Override
    public void start() {
        for (LatestOnlyLane lane : lanes) {
            Thread t = new Thread(lane, "status-" + lane.sinkName());
            t.setDaemon(true);
            laneThreads.add(t);
            t.start();
        }
        ticker = new Thread(this::runTicker, "status-events");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void runTicker() {
        try {
            while (!stopping) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    // a bug here must not end status events for good; the log says what happened
                    LOG.warn("status event not built: {}", e.toString(), e);
                }
                synchronized (tickSignal) {
                    if (!stopping) {
                        tickSignal.wait(CHECK_NANOS / 1_000_000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes a last event ({@code stop}) and gives the lanes until {@code timeout} to deliver what waits. */
    @Override
    public void stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        synchronized (tickSignal) {
            tickSignal.notifyAll();
        }
        if (ticker != null) {
            ticker.join(Math.max(1, timeout.toMillis()));
        }
        synchronized (this) {
            BridgeStatus st = snapshots.get();
            builder.observeErrors(st);
            publish(builder.build(st, "stop"));
        }
        for (LatestOnlyLane lane : lanes) {
            lane.finish(deadline);
        }
        for (Thread t : laneThreads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                t.interrupt(); // a send blocked on a dead link: the sink is about to close anyway
            }
        }
        for (LatestOnlyLane lane : lanes) {
            LOG.info(
                    "status events to sink {}: {} delivered, {} replaced by newer ones while waiting, {} failed "
                            + "attempts{}",
                    lane.sinkName(),
                    lane.delivered(),
                    lane.replaced(),
                    lane.failed(),
                    lane.waiting() == null ? "" : "; the last one was not delivered");
        }
    }
}
