package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka sink's config checks that depend on the machine: snappy on 32-bit ARM. */
class KafkaSinkConfigTest {
    private static final String SINK = """
            [[sink]]
            name = "kafka"
            type = "kafka"
            bootstrap_servers = "broker:9092"
            properties = { "compression.type" = "snappy" }
            """;

    @Test
    void snappyIsAConfigErrorAtItsLineOn32BitArmOnly() throws Exception {
        ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL + SINK, Map.of()); // this machine is not 32-bit ARM
        String arch = System.getProperty("os.arch");
        System.setProperty("os.arch", "arm"); // what a Raspberry Pi OS armhf JVM reports; restored below
        try {
            ConfigException e = assertThrows(
                    ConfigException.class, () -> ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL + SINK, Map.of()));
            List<String> p = e.problems().stream().map(ConfigProblem::toString).toList();
            assertEquals(1, p.size(), p.toString());
            int line = (int) ConfigLoaderTest.MINIMAL.lines().count() + 5;
            assertTrue(
                    p.get(0)
                            .startsWith("bridge.toml:" + line + ": sink[0].properties: compression.type = "
                                    + "\"snappy\" cannot work on this 32-bit ARM system"),
                    p.get(0));
        } finally {
            System.setProperty("os.arch", arch);
        }
    }
}
