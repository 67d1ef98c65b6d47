package io.lpmsedge.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress rules, one at a time, on snapshots with an explicit clock. */
class ProgressJudgeTest {
    static final long S = 1_000_000_000L;
    static final QuietLimits LIMITS =
            new QuietLimits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(20));

    static ProgressSnapshot snap(
            long sensorActivity,
            String state,
            boolean dispatcherAlive,
            long dispatched,
            int queued,
            long pending,
            long sinkActivity) {
        return new ProgressSnapshot(
                List.of(new ProgressSnapshot.Sensor("arm-1", state, sensorActivity)),
                dispatcherAlive,
                dispatched,
                queued,
                List.of(new ProgressSnapshot.Sink("cluster", pending, sinkActivity)));
    }

    @Test
    void aStreamingPipelineProgresses() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        for (int i = 0; i < 100; i++) {
            ProgressJudge.Verdict v = judge.assess(snap(i * 100, "STREAMING", true, i * 100, 3, 5, i), i * 3 * S);
            assertTrue(v.progressing(), v.reasons().toString());
        }
    }

    @Test
    void aSensorThatDoesNothingForLongerThanItsLimitIsStuckAndRecoversWhenItMoves() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        assertTrue(judge.assess(snap(7, "CONNECTING", true, 0, 0, 0, 0), 0).progressing());
        assertTrue(judge.assess(snap(7, "CONNECTING", true, 0, 0, 0, 0), 10 * S).progressing(), "at the limit");
        ProgressJudge.Verdict v = judge.assess(snap(7, "CONNECTING", true, 0, 0, 0, 0), 11 * S);
        assertFalse(v.progressing());
        assertEquals(List.of("sensor arm-1 did nothing for 11.0 s (CONNECTING)"), v.reasons());
        assertTrue(judge.assess(snap(8, "BACKOFF", true, 0, 0, 0, 0), 12 * S).progressing());
    }

    @Test
    void aSensorInReconnectBackOffProgressesAsLongAsItsAttemptsCount() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        // sensor switched off: a connect failure every 9 s, nothing delivered, nothing queued
        for (int i = 0; i < 20; i++) {
            assertTrue(judge.assess(snap(i, "BACKOFF", true, 0, 0, 0, 0), i * 9 * S)
                    .progressing());
        }
    }

    @Test
    void aDeadDispatcherIsStuckAtOnce() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        ProgressJudge.Verdict v = judge.assess(snap(1, "STREAMING", false, 0, 0, 0, 0), 0);
        assertEquals(List.of("the dispatcher thread has ended"), v.reasons());
    }

    @Test
    void aDispatcherIsStuckOnlyWhileReadingsWaitForIt() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        for (int i = 0; i < 10; i++) { // idle: nothing queued, nothing written, for 90 s
            assertTrue(judge.assess(snap(i, "STREAMING", true, 50, 0, 0, 0), i * 10 * S)
                    .progressing());
        }
        // readings queue up from 90 s on (the last idle check) and none is written
        assertTrue(
                judge.assess(snap(20, "STREAMING", true, 50, 900, 0, 0), 94 * S).progressing());
        ProgressJudge.Verdict v = judge.assess(snap(21, "STREAMING", true, 50, 16384, 0, 0), 96 * S);
        assertEquals(List.of("the dispatcher wrote nothing for 6.0 s with 16384 readings queued"), v.reasons());
        assertTrue(
                judge.assess(snap(22, "STREAMING", true, 51, 16000, 0, 0), 97 * S)
                        .progressing(),
                "moving again");
    }

    @Test
    void aSinkIsStuckOnlyWhileRecordsWaitForIt() {
        ProgressJudge judge = new ProgressJudge(LIMITS);
        assertTrue(judge.assess(snap(1, "STREAMING", true, 1, 0, 0, 4), 0).progressing());
        assertTrue(judge.assess(snap(2, "STREAMING", true, 2, 0, 0, 4), 30 * S).progressing(), "idle sink");
        assertTrue(
                judge.assess(snap(3, "STREAMING", true, 3, 0, 500, 4), 31 * S).progressing());
        assertTrue(
                judge.assess(snap(4, "STREAMING", true, 4, 0, 900, 5), 45 * S).progressing(), "a retry counts");
        ProgressJudge.Verdict v = judge.assess(snap(5, "STREAMING", true, 5, 0, 1300, 5), 66 * S);
        assertEquals(List.of("sink cluster sent nothing for 21.0 s with 1300 records pending"), v.reasons());
    }

    @Test
    void limitsFollowTheConfiguredTimeouts() throws Exception {
        QuietLimits limits = QuietLimits.of(new ConfigLoader(Map.of()).parse("""
                [bridge]
                name = "b"
                [[sensor]]
                name = "s"
                link = "tcp://127.0.0.1:1"
                [link]
                connect_timeout_ms = 2000
                command_timeout_ms = 500
                command_retries = 1
                stall_timeout_ms = 3000
                backoff_max_ms = 10000
                [[sink]]
                name = "c"
                type = "jsonl"
                retry_backoff_max_ms = 1000
                topic_missing_backoff_ms = 50000
                auth_failure_backoff_ms = 2000
                linger_ms = 100
                """, "t.toml"));
        // 12 s back-off with jitter + 2 s connect + 12 commands × 2 attempts × 0.5 s + 3 s stall
        assertEquals(Duration.ofSeconds(29), limits.sensor());
        // 60 s topic-missing wait with jitter + 0.1 s linger + 60 s for one request
        assertEquals(Duration.ofMillis(120_100), limits.sink());
    }
}
