package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST sink's keys: the v2 embedded format against the record format, and the reconnect back-off cap. */
class SinkConfigsTest {
    static String config(String format, String sinkKeys) {
        return ConfigLoaderTest.MINIMAL + "[record]\nformat = \"" + format + "\"\n[[sink]]\nname = \"p\"\n"
                + "type = \"rest-proxy\"\nurl = \"http://proxy:8082\"\n" + sinkKeys;
    }

    static RestProxySpec sink(String toml) throws ConfigException {
        return (RestProxySpec)
                ConfigLoaderTest.parse(toml, Map.of()).delivery().sinks().get(0);
    }

    @Test
    void embeddedFormatDefaultsToAutoAndTakesJsonOrBinary() throws ConfigException {
        assertEquals(
                RestProxyConfig.Embedded.AUTO,
                sink(config("json", "api = \"v2\"\n")).rest().embedded());
        assertEquals(
                RestProxyConfig.Embedded.JSON,
                sink(config("json", "api = \"v2\"\nembedded_format = \"json\"\n"))
                        .rest()
                        .embedded());
        assertEquals(
                RestProxyConfig.Embedded.BINARY,
                sink(config("cbor", "api = \"v2\"\nembedded_format = \"binary\"\n"))
                        .rest()
                        .embedded());
    }

    @Test
    void jsonEmbeddingOfCborRecordsIsRefusedWithTheFix() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> sink(config("cbor", "api = \"v2\"\nembedded_format = \"json\"\n")));
        assertTrue(
                e.getMessage().contains("bridge.toml:")
                        && e.getMessage().contains("embedded_format")
                        && e.getMessage().contains("CBOR")
                        && e.getMessage().contains("\"binary\""),
                e.getMessage());
    }

    @Test
    void embeddedFormatIsAV2SettingAndUnknownValuesAreNamed() {
        ConfigException v3 = assertThrows(
                ConfigException.class, () -> sink(config("json", "api = \"v3\"\nembedded_format = \"json\"\n")));
        assertTrue(
                v3.getMessage().contains("api = \\\"v2\\\"") || v3.getMessage().contains("api = \"v2\""),
                v3.getMessage());
        ConfigException avro = assertThrows(
                ConfigException.class, () -> sink(config("json", "api = \"v2\"\nembedded_format = \"avro\"\n")));
        assertTrue(avro.getMessage().contains("'avro'"), avro.getMessage());
    }

    @Test
    void reconnectBackoffCapIsASenderKey() throws ConfigException {
        assertEquals(Duration.ofMillis(250), sink(config("json", "")).sender().reconnectBackoffMax());
        assertEquals(
                Duration.ofMillis(40),
                sink(config("json", "reconnect_backoff_max_ms = 40\n")).sender().reconnectBackoffMax());
    }
}
