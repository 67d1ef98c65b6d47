package io.lpmsedge.bridge.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.ReloadStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /metrics names the model of each scored sensor, when it was loaded, and the reloads installed and refused. */
class BridgeMetricsModelTest {
    static SensorStatus sensor(String name, ScoringStatus scoring) {
        return new SensorStatus(
                name, "tcp://x", LinkState.STREAMING, 10, 400, 1, 1, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, null, scoring);
    }

    @Test
    void theModelPerSensorAndTheReloadsAreExported() throws IOException {
        ReloadStatus reloads = new ReloadStatus(3, 1, "config reloaded (SIGHUP): …", true, 0);
        BridgeStatus st = new BridgeStatus(
                "b",
                "boot",
                0,
                0,
                0,
                0,
                List.of(
                        sensor(
                                "arm-1",
                                new ScoringStatus("OK", 0.001, 0.002, 5, 0, 0, List.of(), "arm", 1_795_000_000_000L)),
                        sensor(
                                "spindle-1",
                                new ScoringStatus(
                                        "OK", 0.001, 0.004, 5, 0, 0, List.of(), "spindle", 1_795_000_100_000L))),
                null,
                List.of(),
                reloads);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new BridgeMetrics(null, "test").snapshots(st));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : List.of(
                "lpms_edge_scorer_model_info{model=\"arm\",sensor=\"arm-1\"} 1",
                "lpms_edge_scorer_model_info{model=\"spindle\",sensor=\"spindle-1\"} 1",
                "lpms_edge_scorer_model_loaded_timestamp_seconds{model=\"spindle\",sensor=\"spindle-1\"} 1.7950001E9",
                "lpms_edge_config_reloads_total{result=\"installed\"} 3",
                "lpms_edge_config_reloads_total{result=\"refused\"} 1",
                "lpms_edge_scorer_model_reloads_total{result=\"installed\"} 3",
                "lpms_edge_scorer_model_reloads_total{result=\"refused\"} 1")) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
    }
}
