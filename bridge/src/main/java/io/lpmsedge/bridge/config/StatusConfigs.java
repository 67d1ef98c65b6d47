package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.delivery.SinkSpec;
import java.time.Duration;
import java.util.List;

/** Reads {@code [status]} (docs/fleet.md "Bridge configuration"); every problem names its line and the fix. */
final class StatusConfigs {
    private StatusConfigs() {}

    static StatusConfig status(TomlSection s, List<SinkSpec> sinks, String readingsTopic, String verdictTopic) {
        StatusConfig d = StatusConfig.DEFAULTS;
        boolean enabled = s.bool("enabled", d.enabled());
        String topic = s.convert("topic", s.string("topic", d.topic()), SinkConfigs::checkTopic);
        if (topic != null && (topic.equals(readingsTopic) || topic.equals(verdictTopic))) {
            s.problem(
                    "topic",
                    "is '" + topic + "', the topic of the "
                            + (topic.equals(readingsTopic) ? "readings" : "verdict events")
                            + "; status events need their own (compacted) topic, e.g. \"status\"");
        }
        Duration interval =
                Duration.ofMillis(s.integer("interval_ms", d.interval().toMillis(), 1000, 3_600_000, " ms"));
        long mark = s.integer("spool_mark_bytes", d.spoolMarkBytes(), 0, Long.MAX_VALUE, " bytes");
        Duration stuck =
                Duration.ofMillis(s.integer("sink_stuck_ms", d.sinkStuck().toMillis(), 1000, 86_400_000, " ms"));
        List<String> names = s.isSet("sinks") ? s.stringList("sinks", List.of()) : null;
        if (names != null) {
            List<String> known = sinks.stream().map(SinkSpec::name).toList();
            for (String n : names) {
                if (!known.contains(n)) {
                    s.problem("sinks", "names sink '" + n + "', which is not configured; known sinks: " + known);
                }
            }
        }
        return new StatusConfig(enabled, topic == null ? d.topic() : topic, interval, mark, stuck, names);
    }
}
