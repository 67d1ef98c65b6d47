package io.lpmsedge.bridge.ops;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.link.LinkTimings;
import java.time.Duration;

/**
 * How long each part of the pipeline may show no activity before the watchdog calls it stuck. Each limit is
 * the longest quiet spell the part's own timeouts allow when it works as designed, so a part quieter than that
 * is wedged (a blocked system call, a dead thread), not waiting for something outside.
 *
 * @param sensor     a sensor session: between two activity counts the session at most waits its back-off (the
 *                   cap plus 20 % jitter), opens the link, runs the configuration handshake (every command
 *                   retried to its limit) and streams until the stall timeout
 * @param dispatcher the dispatcher while readings wait in the hand-off (a write or fsync blocked this long
 *                   means the storage is gone)
 * @param sink       a sender while records wait in the spool: its longest back-off (retry cap, topic-missing or
 *                   auth-failure wait, plus jitter) and one request
 */
public record QuietLimits(Duration sensor, Duration dispatcher, Duration sink) {
    /**
     * Commands in one configuration handshake, with room for command-mode retries
     * (docs/lpms-protocol.md#start-up-sequence).
     */
    static final int HANDSHAKE_COMMANDS = 12;

    static final Duration DISPATCHER = Duration.ofSeconds(60);
    /** Allowance for one request: the longest request timeout a sink may be configured with is far below this. */
    static final Duration REQUEST_ALLOWANCE = Duration.ofSeconds(60);

    public static QuietLimits of(BridgeConfig config) {
        LinkTimings t = config.link();
        Duration handshake = t.commandTimeout().multipliedBy((long) (t.commandRetries() + 1) * HANDSHAKE_COMMANDS);
        Duration sensor = withJitter(t.backoffMax())
                .plus(t.connectTimeout())
                .plus(handshake)
                .plus(t.stallTimeout());
        Duration sink = Duration.ZERO;
        for (SinkSpec spec : config.delivery().sinks()) {
            SenderConfig s = spec.sender();
            Duration longestWait = max(max(s.retryBackoffMax(), s.topicMissingBackoff()), s.authFailureBackoff());
            sink = max(sink, withJitter(longestWait).plus(s.linger()).plus(REQUEST_ALLOWANCE));
        }
        return new QuietLimits(sensor, DISPATCHER, sink);
    }

    // Back-offs are drawn with ±20 % jitter.
    private static Duration withJitter(Duration d) {
        return d.plus(d.dividedBy(5));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
