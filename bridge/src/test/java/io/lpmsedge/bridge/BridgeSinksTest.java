package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.delivery.DeliverySink;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.delivery.file.JsonLinesFileSink;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.record.RecordFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root's sink kinds: every kind of {@code [[sink]]} the config can produce has an opener (a kind
 * added to the config but not registered would only fail when a bridge starts with it), and each spec describes
 * itself for {@code check-config} without its secrets.
 */
class BridgeSinksTest {
    @TempDir
    Path tmp;

    private List<SinkSpec> sinks() throws Exception {
        BridgeConfig c = new ConfigLoader(Map.of("LPMS_EDGE_SINK_CLOUD_PASSWORD", "s3cr3t"))
                .parse("""
                        [bridge]
                        name = "line-3"
                        [[sensor]]
                        name = "arm-1"
                        link = "tcp://127.0.0.1:7001"
                        [[sink]]
                        name = "local"
                        type = "jsonl"
                        path = "%s"
                        [[sink]]
                        name = "cloud"
                        type = "rest-proxy"
                        url = "http://127.0.0.1:9/kafka"
                        api = "v3"
                        username = "APIKEY"
                        [[sink]]
                        name = "direct"
                        type = "kafka"
                        bootstrap_servers = "127.0.0.1:9"
                        """.formatted(tmp.resolve("out.jsonl")), "bridge.toml");
        return c.delivery().sinks();
    }

    @Test
    void everyKindTheConfigWritesHasAnOpener() throws Exception {
        List<SinkSpec> sinks = sinks();
        BridgeSinks.kinds().checkKnown(sinks);
        RecordFormat json = RecordFormat.byName("json");
        try (DeliverySink file = BridgeSinks.kinds().open(sinks.get(0), json);
                DeliverySink rest = BridgeSinks.kinds().open(sinks.get(1), json)) {
            assertInstanceOf(JsonLinesFileSink.class, file);
            assertInstanceOf(RestProxySink.class, rest);
            assertEquals("cloud", rest.name());
        }
    }

    @Test
    void eachSpecDescribesItselfWithoutSecrets() throws Exception {
        assertEquals(
                List.of(
                        "jsonl " + tmp.resolve("out.jsonl"),
                        "rest-proxy v3 http://127.0.0.1:9/kafka (basic auth)",
                        "kafka 127.0.0.1:9"),
                sinks().stream().map(SinkSpec::describe).toList());
    }
}
