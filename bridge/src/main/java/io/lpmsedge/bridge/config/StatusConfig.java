package io.lpmsedge.bridge.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [status]}: the bridge's status events for the fleet page (docs/fleet.md).
 *
 * @param enabled        publish at all
 * @param topic          the status topic (compacted, keyed by bridge name)
 * @param interval       one event at least this often; the fleet calls a bridge OFFLINE after 3 × this of silence
 * @param spoolMarkBytes crossing this spool size (either way) is a change worth an event at once
 * @param sinkStuck      a sink with records pending and no delivery for this long is "stuck" (a change)
 * @param sinks          the sinks that carry status events, by name; null = every Kafka or REST Proxy sink
 *                       (a JSON Lines file gets them only when listed: its readers expect readings)
 */
public record StatusConfig(
        boolean enabled, String topic, Duration interval, long spoolMarkBytes, Duration sinkStuck, List<String> sinks) {
    public static final StatusConfig DEFAULTS =
            new StatusConfig(true, "status", Duration.ofSeconds(10), 64L << 20, Duration.ofSeconds(30), null);
    public static final StatusConfig DISABLED =
            new StatusConfig(false, "status", Duration.ofSeconds(10), 64L << 20, Duration.ofSeconds(30), null);

    public StatusConfig {
        sinks = sinks == null ? null : List.copyOf(sinks);
    }
}
