package io.lpmsedge.bridge.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.DeadLetterStatus;
import io.lpmsedge.bridge.status.SpoolStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spool's hole count and each sink's dead-letter file appear in /metrics. */
class BridgeMetricsSpoolTest {
    @Test
    void missingRecordsAndDeadLetterFiguresAreExported() throws IOException {
        DeadLetterStatus d =
                new DeadLetterStatus("rest", "/s/dead-letter-rest.jsonl", 12, 9600, 70_000_000, 67_108_864, 4, true);
        SpoolStatus spool = new SpoolStatus(100, 5, 1, 0, 100, 1, 0, 0, Map.of(), 1287, List.of(d), true);
        BridgeStatus st = new BridgeStatus("b", "boot", 0, 0, 0, 0, List.of(), spool, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new BridgeMetrics(null, "test").snapshots(st));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : List.of(
                "lpms_edge_spool_missing_records 1287",
                "lpms_edge_spool_checking 1",
                "lpms_edge_dead_letter_parked_records_total{sink=\"rest\"} 12",
                "lpms_edge_dead_letter_parked_bytes_total{sink=\"rest\"} 9600",
                "lpms_edge_dead_letter_file_bytes{sink=\"rest\"} 7.0E7",
                "lpms_edge_dead_letter_full_refusals_total{sink=\"rest\"} 4",
                "lpms_edge_dead_letter_full{sink=\"rest\"} 1")) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
    }
}
