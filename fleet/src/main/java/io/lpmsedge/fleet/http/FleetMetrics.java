package io.lpmsedge.fleet.http;

import io.lpmsedge.fleet.FleetView;
import io.lpmsedge.fleet.Liveness;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fleet's Prometheus metrics (docs/fleet.md "Metrics"), all from one {@link FleetView} per scrape, like the
 * bridge's collector: per machine its verdict and data age, per bridge up/last seen/spool, and bad input by kind.
 */
final class FleetMetrics implements MultiCollector {
    private static final String PREFIX = "lpms_edge_fleet_";
    private final Supplier<FleetView> views;

    FleetMetrics(Supplier<FleetView> views) {
        this.views = views;
    }

    @Override
    public MetricSnapshots collect() {
        return snapshots(views.get());
    }

    static MetricSnapshots snapshots(FleetView v) {
        GaugeSnapshot.Builder failure =
                gauge("machine_failure", "1 while the machine's verdict is FAILURE, 0 while OK, NaN for NO DATA", null);
        GaugeSnapshot.Builder dataAge =
                gauge("machine_data_age_seconds", "Age of the machine's last reading (NaN when unknown)", Unit.SECONDS);
        GaugeSnapshot.Builder up = gauge("bridge_up", "1 while the bridge is heard from, 0 when OFFLINE", null);
        GaugeSnapshot.Builder seen = gauge(
                "bridge_last_seen_age_seconds",
                "Seconds since the bridge's last status event arrived (NaN when none ever did)",
                Unit.SECONDS);
        GaugeSnapshot.Builder spoolBytes = gauge("bridge_spool_size_bytes", "The bridge's spool on disk", Unit.BYTES);
        GaugeSnapshot.Builder spoolRecords = gauge(
                "bridge_spool_records",
                "Records in the bridge's spool not yet acknowledged by every sink (the backlog)",
                null);
        GaugeSnapshot.Builder spoolAge = gauge(
                "bridge_spool_oldest_record_age_seconds",
                "Age of the oldest unacknowledged record in the bridge's spool",
                Unit.SECONDS);
        CounterSnapshot.Builder restarts = CounterSnapshot.builder()
                .name(PREFIX + "bridge_restarts")
                .help("New boot ids seen for the bridge name since the fleet started");
        for (FleetView.Bridge b : v.bridges()) {
            Labels bl = Labels.of("bridge", b.name());
            for (FleetView.Machine m : b.machines()) {
                Labels ml = Labels.of("bridge", b.name(), "machine", m.name());
                failure.dataPoint(point(
                        switch (m.display()) {
                            case "FAILURE" -> 1;
                            case "OK" -> 0;
                            default -> Double.NaN;
                        },
                        ml));
                dataAge.dataPoint(point(m.dataAgeMillis() < 0 ? Double.NaN : m.dataAgeMillis() / 1000.0, ml));
            }
            up.dataPoint(point(b.liveness().state() == Liveness.State.ONLINE ? 1 : 0, bl));
            seen.dataPoint(point(b.lastSeenAgeMillis() < 0 ? Double.NaN : b.lastSeenAgeMillis() / 1000.0, bl));
            if (b.spool() != null) {
                spoolBytes.dataPoint(point(b.spool().bytes(), bl));
                spoolRecords.dataPoint(point(b.spool().records(), bl));
                spoolAge.dataPoint(point(b.spool().oldestAgeMillis() / 1000.0, bl));
            }
            restarts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .value(b.restarts())
                    .labels(bl)
                    .build());
        }
        CounterSnapshot.Builder bad = CounterSnapshot.builder()
                .name(PREFIX + "bad_records")
                .help("Records the fleet could not use, by topic and kind (not-json, unknown-schema, invalid, "
                        + "name-clash, from-future)");
        for (Map.Entry<String, Long> e : v.problems().byKind().entrySet()) {
            int slash = e.getKey().indexOf('/');
            bad.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .value(e.getValue())
                    .labels(Labels.of(
                            "topic",
                            e.getKey().substring(0, slash),
                            "kind",
                            e.getKey().substring(slash + 1)))
                    .build());
        }
        return MetricSnapshots.builder()
                .metricSnapshot(failure.build())
                .metricSnapshot(dataAge.build())
                .metricSnapshot(up.build())
                .metricSnapshot(seen.build())
                .metricSnapshot(spoolBytes.build())
                .metricSnapshot(spoolRecords.build())
                .metricSnapshot(spoolAge.build())
                .metricSnapshot(restarts.build())
                .metricSnapshot(bad.build())
                .build();
    }

    private static GaugeSnapshot.Builder gauge(String name, String help, Unit unit) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(PREFIX + name).help(help);
        return unit == null ? b : b.unit(unit);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .value(value)
                .labels(labels)
                .build();
    }
}
