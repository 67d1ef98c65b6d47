package io.lpmsedge.bridge.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.LatencyHistogram;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sink stopped by a problem someone must fix makes the bridge not ready at once, in the alert's words. */
class HealthCheckSinkProblemTest {
    static BridgeStatus withSink(SinkStatus sink) {
        return new BridgeStatus("b", "boot", 0, 1000, 0, 0, List.of(), null, List.of(sink));
    }

    static SinkStatus sink(long lastSuccessAgeMillis, String problem) {
        return new SinkStatus(
                "proxy",
                10,
                5,
                3,
                0,
                0,
                lastSuccessAgeMillis,
                Map.of("http_400", 2L),
                new LatencyHistogram().snapshot(),
                problem);
    }

    @Test
    void aStoppedSinkIsNotReadyBeforeTheStaleTimeWithItsProblem() {
        HealthCheck check = new HealthCheck(30_000);
        HealthCheck.Result r = check.readiness(
                withSink(sink(
                        2_000,
                        "the far side refused the request as a whole "
                                + "(http_400: 400 The plain HTTP request was sent to HTTPS port)")),
                true);
        assertFalse(r.ok());
        assertEquals(1, r.problems().size());
        assertTrue(
                r.problems().get(0).startsWith("sink proxy is stopped: the far side refused")
                        && r.problems().get(0).contains("HTTPS port"),
                r.problems().get(0));
    }

    @Test
    void withoutAProblemARecentlyDeliveringSinkIsReady() {
        assertTrue(new HealthCheck(30_000)
                .readiness(withSink(sink(2_000, null)), true)
                .ok());
    }
}
