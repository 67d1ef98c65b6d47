package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [status]}: defaults, overrides, and every mistake reported at its line with the fix. */
class StatusConfigTest {
    private static final String SINKS = """
            [[sink]]
            name = "cluster"
            type = "kafka"
            bootstrap_servers = "127.0.0.1:9092"
            [[sink]]
            name = "file"
            type = "jsonl"
            path = "out.jsonl"
            """;

    @Test
    void defaultsWithoutTheSection() throws ConfigException {
        StatusConfig s =
                ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL, Map.of()).status();
        assertEquals(StatusConfig.DEFAULTS, s);
        assertEquals(Duration.ofSeconds(10), s.interval());
        assertEquals("status", s.topic());
    }

    @Test
    void everyKeyAndItsEnvironmentOverride() throws ConfigException {
        StatusConfig s = ConfigLoaderTest.parse(
                        ConfigLoaderTest.MINIMAL + SINKS + """
                [status]
                topic = "fleet-status"
                interval_ms = 5000
                spool_mark_bytes = 1000000
                sink_stuck_ms = 60000
                sinks = ["cluster", "file"]
                """, Map.of("LPMS_EDGE_STATUS_INTERVAL_MS", "2000"))
                .status();
        assertEquals(
                new StatusConfig(
                        true,
                        "fleet-status",
                        Duration.ofSeconds(2),
                        1_000_000,
                        Duration.ofMinutes(1),
                        List.of("cluster", "file")),
                s);
        assertEquals(
                false,
                ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL, Map.of("LPMS_EDGE_STATUS_ENABLED", "false"))
                        .status()
                        .enabled());
    }

    @Test
    void mistakesNameTheirLineAndTheFix() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL + SINKS + """
                        [status]
                        topic = "readings"
                        interval_ms = 100
                        sinks = ["clutser"]
                        intervall_ms = 5
                        """, Map.of()));
        List<String> lines = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(
                List.of(
                        "bridge.toml:16: status.topic: is 'readings', the topic of the readings; status events need their own "
                                + "(compacted) topic, e.g. \"status\"",
                        "bridge.toml:17: status.interval_ms: is 100, must be 1000..3600000 ms",
                        "bridge.toml:18: status.sinks: names sink 'clutser', which is not configured; known sinks: [cluster, file]",
                        "bridge.toml:19: status.intervall_ms: unknown key; did you mean 'interval_ms'? Known keys here: enabled, "
                                + "topic, interval_ms, spool_mark_bytes, sink_stuck_ms, sinks"),
                lines);
    }
}
