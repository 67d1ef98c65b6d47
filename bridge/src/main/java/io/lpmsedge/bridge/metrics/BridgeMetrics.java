package io.lpmsedge.bridge.metrics;

import io.lpmsedge.bridge.delivery.LatencyHistogram;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.DeadLetterStatus;
import io.lpmsedge.bridge.status.ReloadStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.SinkStatus;
import io.lpmsedge.bridge.status.SpoolStatus;
import io.lpmsedge.bridge.status.StatusReporter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The bridge's Prometheus metrics. A collector rather than registered counters: every scrape takes one
 * {@link BridgeStatus} snapshot from the counters the bridge keeps anyway, so the reading path carries no
 * metrics code and a scrape is internally consistent. Names and meanings: docs/install-and-operate.md#metrics.
 */
public final class BridgeMetrics implements MultiCollector {
    static final String PREFIX = "lpms_edge_";

    private final StatusReporter reporter;
    private final String version;

    public BridgeMetrics(StatusReporter reporter, String version) {
        this.reporter = reporter;
        this.version = version;
    }

    @Override
    public MetricSnapshots collect() {
        return snapshots(reporter.snapshot());
    }

    MetricSnapshots snapshots(BridgeStatus st) {
        Families f = new Families();
        f.gauge("bridge_info", "Bridge identity: name, boot id of this process, version", null)
                .add(1, "bridge", st.bridge(), "boot_id", st.bootId(), "version", version);
        f.gauge("bridge_uptime_seconds", "Seconds since the bridge's status reporter started", Unit.SECONDS)
                .add(st.uptimeMillis() / 1000.0);
        sensors(f, st.sensors());
        f.gauge("queue_depth_readings", "Readings waiting in the in-memory hand-off to the spool", null)
                .add(st.queueDepth());
        spool(f, st.spool());
        sinks(f, st.sinks());
        reloads(f, st.reloads());
        scoring(f, st.sensors(), st.reloads());
        return f.build();
    }

    private static void sensors(Families f, List<SensorStatus> sensors) {
        Family state = f.gauge("sensor_link_state", "1 for the state the sensor's link is in, 0 for the others", null);
        Family up = f.gauge("sensor_up", "1 while the sensor is streaming", null);
        for (SensorStatus s : sensors) {
            for (LinkState ls : LinkState.values()) {
                state.add(
                        s.state() == ls ? 1 : 0,
                        "sensor",
                        s.name(),
                        "state",
                        ls.name().toLowerCase());
            }
            up.add(s.state() == LinkState.STREAMING ? 1 : 0, "sensor", s.name());
        }
        perSensorCounter(f, sensors, "sensor_connects", "Successful connections", SensorStatus::connects);
        perSensorCounter(
                f,
                sensors,
                "sensor_reconnects",
                "Connections after the first (each follows a loss or stall)",
                SensorStatus::reconnects);
        perSensorCounter(
                f,
                sensors,
                "sensor_stalls",
                "Links dropped because no data arrived within stall_timeout_ms",
                SensorStatus::stalls);
        perSensorCounter(
                f, sensors, "sensor_readings", "Readings decoded and handed to the pipeline", SensorStatus::readings);
        Family frames = f.counter(
                "sensor_frames", "LP-BUS frames by result: good, or the reason a candidate was rejected", null);
        for (SensorStatus s : sensors) {
            frames.add(s.framesGood(), "sensor", s.name(), "result", "good");
            frames.add(s.framesLrcMismatch(), "sensor", s.name(), "result", "lrc_mismatch");
            frames.add(s.framesBadEndBytes(), "sensor", s.name(), "result", "bad_end_bytes");
            frames.add(s.framesLengthOutOfRange(), "sensor", s.name(), "result", "length_out_of_range");
        }
        perSensorCounter(
                f,
                sensors,
                "sensor_skipped_bytes",
                "Bytes dropped while re-synchronising on the stream",
                SensorStatus::bytesSkipped);
        perSensorCounter(
                f,
                sensors,
                "sensor_undecodable_frames",
                "Good frames whose data did not match the configured layout",
                SensorStatus::undecodable);
        perSensorCounter(
                f,
                sensors,
                "sensor_tick_gaps",
                "Jumps in the sensor's timestamp larger than one sample",
                SensorStatus::tickGaps);
        perSensorCounter(
                f, sensors, "sensor_missed_samples", "Samples missing inside tick gaps", SensorStatus::missedSamples);
        perSensorCounter(
                f,
                sensors,
                "queue_dropped_readings",
                "Readings dropped by the hand-off's queue_full policy",
                SensorStatus::droppedQueueFull);
        Family rate = f.gauge("sensor_readings_per_second", "Readings per second over the last ~5 s", null);
        Family age = f.gauge(
                "sensor_last_reading_age_seconds",
                "Seconds since the last reading (NaN before the first)",
                Unit.SECONDS);
        for (SensorStatus s : sensors) {
            rate.add(s.readingsPerSecond(), "sensor", s.name());
            age.add(s.lastReadingAgeMillis() < 0 ? Double.NaN : s.lastReadingAgeMillis() / 1000.0, "sensor", s.name());
        }
    }

    private static void spool(Families f, SpoolStatus sp) {
        if (sp == null) {
            return;
        }
        f.gauge("spool_size_bytes", "Bytes of spool segment files on disk", Unit.BYTES)
                .add(sp.bytes());
        f.gauge("spool_records", "Records not yet acknowledged by every sink", null)
                .add(sp.records());
        f.gauge("spool_segments", "Spool segment files", null).add(sp.segments());
        f.gauge("spool_oldest_record_age_seconds", "Age of the oldest unacknowledged record", Unit.SECONDS)
                .add(sp.oldestAgeMillis() / 1000.0);
        f.counter("spool_written_bytes", "Bytes appended to spool segments (write amplification)", Unit.BYTES)
                .add(sp.bytesWritten());
        f.counter("spool_fsyncs", "fsync calls on the spool", null).add(sp.syncs());
        f.counter("spool_write_errors", "Failed spool writes (disk full, read-only file system, I/O error)", null)
                .add(sp.writeErrors());
        Family dropped =
                f.counter("spool_dropped_records", "Records dropped by the spool-full policy, by sensor", null);
        for (Map.Entry<String, Long> e : sp.droppedByKey().entrySet()) {
            dropped.add(e.getValue(), "sensor", e.getKey());
        }
        f.gauge("spool_missing_records", "Records found missing at start-up: a segment file was lost", null)
                .add(sp.missingRecords());
        f.gauge("spool_checking", "1 while older segments are checked after a restart (their records wait)", null)
                .add(sp.checking() ? 1 : 0);
        deadLetters(f, sp.deadLetters());
    }

    private static void deadLetters(Families f, List<DeadLetterStatus> files) {
        if (files.isEmpty()) {
            return;
        }
        Family records = f.counter("dead_letter_parked_records", "Records parked (fsynced) since start", null);
        Family bytes = f.counter("dead_letter_parked_bytes", "Bytes parked since start", Unit.BYTES);
        Family size = f.gauge("dead_letter_file_bytes", "Size of the dead-letter file", Unit.BYTES);
        Family max = f.gauge(
                "dead_letter_max_bytes", "Bound on the dead-letter file ([spool] dead_letter_max_bytes)", Unit.BYTES);
        Family refused = f.counter(
                "dead_letter_full_refusals",
                "Parks refused because the file was full (the records stayed in the spool)",
                null);
        Family full = f.gauge("dead_letter_full", "1 while the dead-letter file is full", null);
        for (DeadLetterStatus d : files) {
            records.add(d.parkedRecords(), "sink", d.sink());
            bytes.add(d.parkedBytes(), "sink", d.sink());
            size.add(d.fileBytes(), "sink", d.sink());
            max.add(d.maxBytes(), "sink", d.sink());
            refused.add(d.fullRefusals(), "sink", d.sink());
            full.add(d.full() ? 1 : 0, "sink", d.sink());
        }
    }

    private static void sinks(Families f, List<SinkStatus> sinks) {
        if (sinks.isEmpty()) {
            return;
        }
        Family delivered = f.counter("sink_delivered_records", "Records the sink acknowledged", null);
        Family pending = f.gauge("sink_pending_records", "Spooled records this sink has not acknowledged", null);
        Family requests = f.counter("sink_requests", "Send requests (one per batch)", null);
        Family retried = f.counter("sink_retried_records", "Records sent again after a failure", null);
        Family dead = f.counter("sink_dead_lettered_records", "Records parked in the dead-letter file", null);
        Family errors = f.counter("sink_errors", "Failed requests or records by code", null);
        Family stopped = f.gauge(
                "sink_stopped",
                "1 while the sink is stopped by a problem someone must fix "
                        + "(refused credentials or request, missing topic, dead-letter file full); /ready says which",
                null);
        Family last = f.gauge(
                "sink_last_success_age_seconds", "Seconds since the sink last delivered (NaN before)", Unit.SECONDS);
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder()
                .name(PREFIX + "sink_request_duration_seconds")
                .help("Duration of send requests")
                .unit(Unit.SECONDS);
        for (SinkStatus s : sinks) {
            delivered.add(s.delivered(), "sink", s.name());
            pending.add(s.pending(), "sink", s.name());
            requests.add(s.requests(), "sink", s.name());
            retried.add(s.retried(), "sink", s.name());
            dead.add(s.deadLettered(), "sink", s.name());
            stopped.add(s.problem() == null ? 0 : 1, "sink", s.name());
            for (Map.Entry<String, Long> e : s.errors().entrySet()) {
                errors.add(e.getValue(), "sink", s.name(), "code", e.getKey());
            }
            last.add(s.lastSuccessAgeMillis() < 0 ? Double.NaN : s.lastSuccessAgeMillis() / 1000.0, "sink", s.name());
            LatencyHistogram.Snapshot h = s.latency();
            double[] bounds = new double[LatencyHistogram.BOUNDS_SECONDS.length + 1];
            System.arraycopy(LatencyHistogram.BOUNDS_SECONDS, 0, bounds, 0, LatencyHistogram.BOUNDS_SECONDS.length);
            bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
            latency.dataPoint(HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket(h.cumulativeCounts())))
                    .sum(h.sumSeconds())
                    .labels(Labels.of("sink", s.name()))
                    .build());
        }
        f.add(latency.build());
    }

    /** Prometheus' model takes per-bucket counts and accumulates them itself. */
    private static long[] perBucket(long[] cumulative) {
        long[] out = new long[cumulative.length];
        long previous = 0;
        for (int i = 0; i < cumulative.length; i++) {
            out[i] = cumulative[i] - previous;
            previous = cumulative[i];
        }
        return out;
    }

    private static void reloads(Families f, ReloadStatus r) {
        Family reloads = f.counter(
                "config_reloads",
                "Config reloads since start (SIGHUP, a changed model file) by result: installed (sensors and models "
                        + "applied), or refused (nothing changed)",
                null);
        reloads.add(r.installed(), "result", "installed");
        reloads.add(r.refused(), "result", "refused");
    }

    private static void scoring(Families f, List<SensorStatus> sensors, ReloadStatus reloads) {
        List<SensorStatus> scored =
                sensors.stream().filter(s -> s.scoring() != null).toList();
        if (scored.isEmpty()) {
            return;
        }
        Family failure = f.gauge(
                "scorer_failure",
                "1 while the sensor's verdict is FAILURE, 0 while OK, NaN before " + "the first window",
                null);
        Family rms = f.gauge("scorer_last_window_score", "RMS score of the last window (NaN before the first)", null);
        Family threshold = f.gauge("scorer_threshold", "Window score above which a window counts as failing", null);
        Family windows = f.counter("scorer_windows", "Windows scored", null);
        Family changes = f.counter("scorer_verdict_changes", "Verdict changes (OK↔FAILURE)", null);
        Family dropped = f.counter(
                "scorer_dropped_readings",
                "Readings the scorer's hand-off dropped (scoring " + "fell behind; delivery is unaffected)",
                null);
        Family model =
                f.gauge("scorer_model_info", "1 for the model judging the sensor's windows now (label model)", null);
        Family loaded = f.gauge(
                "scorer_model_loaded_timestamp_seconds",
                "When the sensor's current model was loaded " + "(start or reload), Unix time",
                null);
        // The name before reloads also applied sensors, kept so existing dashboards go on working: the same figures
        // as config_reloads_total.
        Family reloaded = f.counter(
                "scorer_model_reloads",
                "Deprecated, same as config_reloads_total: config reloads since start by result",
                null);
        reloaded.add(reloads.installed(), "result", "installed");
        reloaded.add(reloads.refused(), "result", "refused");
        for (SensorStatus s : scored) {
            ScoringStatus sc = s.scoring();
            if (sc.model() != null) {
                model.add(1, "sensor", s.name(), "model", sc.model());
                loaded.add(sc.modelLoadedAtMillis() / 1000.0, "sensor", s.name(), "model", sc.model());
            }
            failure.add(
                    switch (sc.verdict()) {
                        case "FAILURE" -> 1;
                        case "OK" -> 0;
                        default -> Double.NaN;
                    },
                    "sensor",
                    s.name());
            rms.add(sc.lastRms(), "sensor", s.name());
            threshold.add(sc.threshold(), "sensor", s.name());
            windows.add(sc.windows(), "sensor", s.name());
            changes.add(sc.verdictChanges(), "sensor", s.name());
            dropped.add(sc.droppedHandoff(), "sensor", s.name());
        }
    }

    private static void perSensorCounter(
            Families f, List<SensorStatus> sensors, String name, String help, ToDoubleFunction<SensorStatus> value) {
        Family family = f.counter(name, help, null);
        for (SensorStatus s : sensors) {
            family.add(value.applyAsDouble(s), "sensor", s.name());
        }
    }

    /** Collects families in declaration order; a family with no data points is left out. */
    private static final class Families {
        private final Map<String, Family> families = new LinkedHashMap<>();
        private final List<io.prometheus.metrics.model.snapshots.MetricSnapshot> others = new ArrayList<>();

        Family gauge(String name, String help, Unit unit) {
            return families.computeIfAbsent(name, n -> new Family(n, help, unit, false));
        }

        Family counter(String name, String help, Unit unit) {
            return families.computeIfAbsent(name, n -> new Family(n, help, unit, true));
        }

        void add(io.prometheus.metrics.model.snapshots.MetricSnapshot snapshot) {
            others.add(snapshot);
        }

        MetricSnapshots build() {
            MetricSnapshots.Builder b = MetricSnapshots.builder();
            for (Family family : families.values()) {
                if (!family.isEmpty()) {
                    b.metricSnapshot(family.build());
                }
            }
            others.forEach(b::metricSnapshot);
            return b.build();
        }
    }

    private static final class Family {
        private final boolean counter;
        private final CounterSnapshot.Builder counters;
        private final GaugeSnapshot.Builder gauges;
        private boolean empty = true;

        Family(String name, String help, Unit unit, boolean counter) {
            this.counter = counter;
            if (counter) {
                counters = CounterSnapshot.builder().name(PREFIX + name).help(help);
                gauges = null;
                if (unit != null) {
                    counters.unit(unit);
                }
            } else {
                gauges = GaugeSnapshot.builder().name(PREFIX + name).help(help);
                counters = null;
                if (unit != null) {
                    gauges.unit(unit);
                }
            }
        }

        Family add(double value, String... labels) {
            empty = false;
            if (counter) {
                counters.dataPoint(CounterDataPointSnapshot.builder()
                        .value(value)
                        .labels(Labels.of(labels))
                        .build());
            } else {
                gauges.dataPoint(GaugeDataPointSnapshot.builder()
                        .value(value)
                        .labels(Labels.of(labels))
                        .build());
            }
            return this;
        }

        boolean isEmpty() {
            return empty;
        }

        io.prometheus.metrics.model.snapshots.MetricSnapshot build() {
            return counter ? counters.build() : gauges.build();
        }
    }
}
