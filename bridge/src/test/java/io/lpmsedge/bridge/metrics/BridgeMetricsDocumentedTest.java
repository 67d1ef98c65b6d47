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
import io.lpmsedge.testsupport.DocumentedMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/install-and-operate.md#metrics is what plant engineers write their alert rules from: it must name exactly the
 * families the bridge exports. The snapshot below gives every family a data point (a family without one is not
 * exposed at all), so a family added to {@link BridgeMetrics} without a row, or a row left behind by a removed
 * family, fails here.
 */
class BridgeMetricsDocumentedTest {
    /** Registered by the ops server itself (its own refusals), not by BridgeMetrics; OpsServerBoundsTest reads it. */
    private static final String OPS_SERVER_OWN = "lpms_edge_http_requests_refused_total";

    @Test
    void theMetricsTableNamesExactlyWhatTheBridgeExports() throws IOException {
        LatencyHistogram latency = new LatencyHistogram();
        latency.record(3_000_000);
        ScoringStatus scoring =
                new ScoringStatus("FAILURE", 0.02, 0.01, 40, 1, 0, List.of(0.01, 0.02), "arm", 1_795_000_000_000L);
        SensorStatus sensor = new SensorStatus(
                "arm-1",
                "tcp://x",
                LinkState.STREAMING,
                10,
                100,
                5,
                1,
                0,
                0,
                0,
                0,
                10,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                scoring);
        SpoolStatus spool = new SpoolStatus(
                4096,
                10,
                1,
                250,
                8192,
                3,
                0,
                2,
                Map.of("arm-1", 2L),
                0,
                List.of(new DeadLetterStatus("rest", "/s/dead-letter-rest.jsonl", 1, 80, 80, 1 << 20, 0, false)),
                false);
        SinkStatus sink = new SinkStatus(
                "rest", 100, 10, 5, 1, 1, 200, Map.of("503", 1L), latency.snapshot(), "the proxy says: …");
        BridgeStatus st = new BridgeStatus(
                "b",
                "boot",
                1_795_000_000_000L,
                60_000,
                3,
                0,
                List.of(sensor),
                spool,
                List.of(sink),
                new ReloadStatus(1, 0, "reloaded", true, 1_795_000_000_000L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new BridgeMetrics(null, "test").snapshots(st));
        Set<String> exported = DocumentedMetrics.inExposition(out.toString(StandardCharsets.UTF_8));
        exported.add(OPS_SERVER_OWN);
        DocumentedMetrics.assertDocumented(
                exported, Path.of("..", "docs", "install-and-operate.md"), "### Metrics", BridgeMetrics.PREFIX);
    }
}
