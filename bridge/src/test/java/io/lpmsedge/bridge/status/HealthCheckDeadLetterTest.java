package io.lpmsedge.bridge.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A full dead-letter file makes the bridge not ready, naming the file, the sink and the fix. */
class HealthCheckDeadLetterTest {
    static BridgeStatus status(DeadLetterStatus d) {
        SpoolStatus spool = new SpoolStatus(0, 0, 1, 0, 0, 0, 0, 0, Map.of(), 0, List.of(d), false);
        return new BridgeStatus("b", "boot", 0, 0, 0, 0, List.of(), spool, List.of());
    }

    @Test
    void fullDeadLetterFileIsNotReady() {
        HealthCheck check = new HealthCheck(60_000);
        DeadLetterStatus full = new DeadLetterStatus(
                "rest", "/var/lib/lpms-edge/spool/dead-letter-rest.jsonl", 0, 0, 67_000_000, 67_108_864, 3, true);
        HealthCheck.Result r = check.readiness(status(full), true);
        assertFalse(r.ok());
        assertEquals(1, r.problems().size());
        String p = r.problems().get(0);
        assertTrue(
                p.contains("dead-letter-rest.jsonl")
                        && p.contains("sink rest")
                        && p.contains("full")
                        && p.contains("dead_letter_max_bytes"),
                p);

        DeadLetterStatus room = new DeadLetterStatus("rest", full.path(), 5, 4000, 4000, 67_108_864, 3, false);
        assertTrue(check.readiness(status(room), true).ok());
    }
}
