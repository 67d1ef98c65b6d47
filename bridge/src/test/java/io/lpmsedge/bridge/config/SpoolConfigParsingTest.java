package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.spool.SpoolConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [spool] dead_letter_max_bytes}: default, a value, and a refused one with file:line and the range. */
class SpoolConfigParsingTest {
    @Test
    void deadLetterBoundHasADefaultAndCanBeSet() throws ConfigException {
        assertEquals(
                SpoolConfig.DEFAULT_DEAD_LETTER_MAX_BYTES,
                ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL, Map.of())
                        .delivery()
                        .spool()
                        .deadLetterMaxBytes());
        BridgeConfig c = ConfigLoaderTest.parse(
                ConfigLoaderTest.MINIMAL + "[spool]\ndead_letter_max_bytes = 1000000\n", Map.of());
        assertEquals(1_000_000, c.delivery().spool().deadLetterMaxBytes());
    }

    @Test
    void aTinyDeadLetterBoundIsRefusedNamingKeyAndLine() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigLoaderTest.parse(
                        ConfigLoaderTest.MINIMAL + "[spool]\ndead_letter_max_bytes = 10\n", Map.of()));
        List<String> problems =
                e.problems().stream().map(ConfigProblem::toString).toList();
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.contains("bridge.toml:8")
                                && p.contains("dead_letter_max_bytes")
                                && p.contains("4096")),
                problems.toString());
    }
}
