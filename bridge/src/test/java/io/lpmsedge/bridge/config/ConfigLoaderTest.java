package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.delivery.file.JsonLinesSpec;
import io.lpmsedge.bridge.delivery.kafka.KafkaSpec;
import io.lpmsedge.bridge.delivery.rest.RestProxySpec;
import io.lpmsedge.bridge.link.LinkAddress;
import io.lpmsedge.bridge.link.LinkTimings;
import io.lpmsedge.bridge.pipeline.QueueFullPolicy;
import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    static final String MINIMAL = """
            [bridge]
            name = "line-3"

            [[sensor]]
            name = "arm-1"
            link = "tcp://127.0.0.1:7001"
            """;

    static BridgeConfig parse(String toml, Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).parse(toml, "bridge.toml");
    }

    @Test
    void minimalConfigGetsDocumentedDefaults() throws ConfigException {
        BridgeConfig c = parse(MINIMAL, Map.of());
        assertEquals("line-3", c.bridgeName());
        SensorConfig s = c.sensors().get(0);
        assertEquals(new LinkAddress.Tcp("127.0.0.1", 7001), s.link());
        assertEquals(EnumSet.of(Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE), s.outputs());
        assertEquals(100, s.rateHz());
        assertEquals(false, s.sixteenBit());
        assertEquals(FirmwareProfile.B2_FW2, s.profile());
        assertEquals(1, s.lpbusId());
        assertEquals(4, s.ticksPerSample());
        assertEquals(LinkTimings.DEFAULTS, c.link());
        assertEquals(PipelineConfig.DEFAULTS, c.pipeline());
        assertEquals(
                List.of(new JsonLinesSpec("stdout", "-", SenderConfig.DEFAULTS)),
                c.delivery().sinks());
        assertEquals(Path.of("spool"), c.delivery().spool().dir());
        assertEquals(SpoolConfig.DEFAULT_MAX_BYTES, c.delivery().spool().maxBytes());
        assertEquals("readings", c.delivery().readingsTopic());
    }

    @Test
    void theShippedExampleIsValid() throws ConfigException, IOException {
        BridgeConfig c = new ConfigLoader(Map.of()).load(Path.of("..", "config", "bridge.example.toml"));
        assertEquals(2, c.sensors().size());
        assertEquals(new LinkAddress.Serial("/dev/rfcomm0"), c.sensors().get(0).link());
        assertTrue(c.sensors().get(1).sixteenBit());
        assertEquals(400, c.sensors().get(1).rateHz());
    }

    @Test
    void environmentOverridesEveryKindOfKey() throws ConfigException {
        BridgeConfig c = parse(
                MINIMAL,
                Map.of(
                        "LPMS_EDGE_BRIDGE_NAME", "line-4",
                        "LPMS_EDGE_SENSOR_ARM_1_LINK", "serial:///dev/rfcomm3",
                        "LPMS_EDGE_SENSOR_ARM_1_OUTPUTS", "acc, quat",
                        "LPMS_EDGE_SENSOR_ARM_1_RATE_HZ", "400",
                        "LPMS_EDGE_SENSOR_ARM_1_DATA_MODE", "16bit",
                        "LPMS_EDGE_SENSOR_ARM_1_RESET_TIMESTAMP", "true",
                        "LPMS_EDGE_LINK_STALL_TIMEOUT_MS", "1500",
                        "LPMS_EDGE_PIPELINE_QUEUE_FULL", "drop-newest",
                        "LPMS_EDGE_SPOOL_DIR", "/tmp/spool"));
        assertEquals("line-4", c.bridgeName());
        SensorConfig s = c.sensors().get(0);
        assertEquals(new LinkAddress.Serial("/dev/rfcomm3"), s.link());
        assertEquals(EnumSet.of(Output.ACC, Output.QUAT), s.outputs());
        assertEquals(400, s.rateHz());
        assertTrue(s.sixteenBit());
        assertTrue(s.resetTimestamp());
        assertEquals(Duration.ofMillis(1500), c.link().stallTimeout());
        assertEquals(QueueFullPolicy.DROP_NEWEST, c.pipeline().queueFull());
        assertEquals(Path.of("/tmp/spool"), c.delivery().spool().dir());
    }

    record Bad(String name, String toml, Map<String, String> env, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Bad bad(String name, String toml, String... expected) {
        return new Bad(name, toml, Map.of(), List.of(expected));
    }

    static Stream<Bad> badConfigs() {
        return Stream.of(
                bad("not TOML", "[bridge\nname = 1", "bridge.toml:1: not valid TOML"),
                bad(
                        "no bridge name",
                        "[[sensor]]\nname = \"a\"\nlink = \"tcp://h:1\"",
                        "bridge.name: is missing; it is required"),
                bad("no sensors", "[bridge]\nname = \"b\"", "sensor: no sensors configured; add a [[sensor]] table"),
                bad(
                        "sensor written as a table",
                        "[bridge]\nname = \"b\"\n[sensor]\nname = \"a\"",
                        "bridge.toml:3: sensor: must be an array of tables: write [[sensor]]"),
                bad(
                        "unknown key with suggestion",
                        MINIMAL + "rate = 100\n",
                        "bridge.toml:7: sensor[0].rate: unknown key; did you mean 'rate_hz'?"),
                bad("unknown section", MINIMAL + "[mqtt]\nhost = \"x\"\n", "bridge.toml:7: mqtt: unknown section"),
                bad(
                        "wrong type",
                        MINIMAL + "rate_hz = \"fast\"\n",
                        "bridge.toml:7: sensor[0].rate_hz: must be a whole number (Hz)"),
                bad(
                        "rate out of range",
                        MINIMAL + "rate_hz = 60\n",
                        "bridge.toml:7: sensor[0].rate_hz: is 60 Hz, not a rate the LPMS-B2 streams at; use 5, 10, 25"),
                bad(
                        "duplicate sensor names",
                        MINIMAL + "[[sensor]]\nname = \"arm-1\"\nlink = \"tcp://127.0.0.1:7002\"\n",
                        "bridge.toml:8: sensor[1].name: duplicate sensor name 'arm-1' (also at line 4)"),
                bad(
                        "same link twice",
                        MINIMAL + "[[sensor]]\nname = \"arm-2\"\nlink = \"tcp://127.0.0.1:7001\"\n",
                        "sensor[1].link: link tcp://127.0.0.1:7001 is already used by the sensor at line 4"),
                bad(
                        "bad link",
                        MINIMAL.replace("tcp://127.0.0.1:7001", "com3"),
                        "bridge.toml:6: sensor[0].link: 'com3' is not a link; use serial:///dev/rfcomm0, tcp://"),
                bad(
                        "bad channel",
                        MINIMAL.replace("tcp://127.0.0.1:7001", "btspp://001122334455:40"),
                        "RFCOMM channel must be 1..30"),
                bad(
                        "humidity",
                        MINIMAL + "outputs = [\"acc\", \"humidity\"]\n",
                        "sensor[0].outputs: humidity: the LPMS-B2 has no humidity sensor; remove it"),
                bad(
                        "unknown output",
                        MINIMAL + "outputs = [\"acc\", \"speed\"]\n",
                        "sensor[0].outputs: unknown output(s) [speed]"),
                bad("empty outputs", MINIMAL + "outputs = []\n", "sensor[0].outputs: is empty"),
                bad(
                        "bad data mode",
                        MINIMAL + "data_mode = \"8bit\"\n",
                        "sensor[0].data_mode: is '8bit'; use \"32bit\" (floats) or \"16bit\""),
                bad(
                        "bad profile",
                        MINIMAL + "profile = \"fw3\"\n",
                        "sensor[0].profile: unknown firmware profile 'fw3'; use one of: b2-fw2, legacy, gen1"),
                bad(
                        "bad name",
                        MINIMAL.replace("\"arm-1\"", "\"arm 1\""),
                        "sensor[0].name: 'arm 1' is not a usable name"),
                bad(
                        "id out of range",
                        MINIMAL + "lpbus_id = 70000\n",
                        "sensor[0].lpbus_id: is 70000, must be 0..65535"),
                bad(
                        "backoff max below initial",
                        MINIMAL + "[link]\nbackoff_initial_ms = 5000\nbackoff_max_ms = 1000\n",
                        "link.backoff_max_ms: is 1000 ms, less than backoff_initial_ms (5000 ms)"),
                bad(
                        "bad queue policy",
                        MINIMAL + "[pipeline]\nqueue_full = \"block\"\n",
                        "pipeline.queue_full: 'block' is not a queue-full policy; use drop-oldest or drop-newest"),
                bad(
                        "queue too small",
                        MINIMAL + "[pipeline]\nqueue_capacity = 3\n",
                        "pipeline.queue_capacity: is 3, must be 16..1000000"),
                bad(
                        "sink written as a table",
                        MINIMAL + "[sink]\ntype = \"jsonl\"\n",
                        "sink: must be an array of tables: write [[sink]]"),
                bad(
                        "unknown sink type",
                        MINIMAL + "[[sink]]\nname = \"x\"\ntype = \"mqtt\"\n",
                        "sink[0].type: is 'mqtt'; use \"jsonl\", \"rest-proxy\" or \"kafka\""),
                bad(
                        "rest proxy without url",
                        MINIMAL + "[[sink]]\nname = \"p\"\ntype = \"rest-proxy\"\n",
                        "sink[0].url: is missing; it is required"),
                bad(
                        "rest proxy bad url and api",
                        MINIMAL + "[[sink]]\nname = \"p\"\ntype = \"rest-proxy\"\nurl = \"proxy:8082\"\napi = \"v4\"\n",
                        "sink[0].url: 'proxy:8082' must start with http:// or https://",
                        "sink[0].api: is 'v4'; use \"v2\" or \"v3\""),
                bad(
                        "plaintext secret",
                        MINIMAL + "[[sink]]\nname = \"cloud\"\ntype = \"rest-proxy\"\n"
                                + "url = \"https://x\"\nusername = \"KEY\"\npassword = \"hunter2\"\n",
                        "sink[0].password: secrets do not belong in the config file; use password_file = "
                                + "\"/etc/lpms-edge/password\" or the environment variable LPMS_EDGE_SINK_CLOUD_PASSWORD"),
                bad(
                        "basic auth without password",
                        MINIMAL + "[[sink]]\nname = \"cloud\"\ntype = \"rest-proxy\"\n"
                                + "url = \"https://x\"\nusername = \"KEY\"\n",
                        "sink[0].username: Basic auth needs a password: set password_file, or the environment "
                                + "variable LPMS_EDGE_SINK_CLOUD_PASSWORD"),
                bad(
                        "missing CA file",
                        MINIMAL + "[[sink]]\nname = \"p\"\ntype = \"rest-proxy\"\n"
                                + "url = \"https://x\"\nca_file = \"/no/such/ca.pem\"\n",
                        "sink[0].ca_file: /no/such/ca.pem does not exist or cannot be read by this user"),
                bad(
                        "kafka without bootstrap",
                        MINIMAL + "[[sink]]\nname = \"k\"\ntype = \"kafka\"\n",
                        "sink[0].bootstrap_servers: is missing; it is required"),
                bad(
                        "duplicate sink names",
                        MINIMAL + "[[sink]]\nname = \"a\"\ntype = \"jsonl\"\n"
                                + "[[sink]]\nname = \"a\"\ntype = \"jsonl\"\n",
                        "sink[1].name: duplicate sink name 'a'"),
                bad(
                        "spool smaller than two segments",
                        MINIMAL + "[spool]\nmax_bytes = 2000000\nsegment_bytes = 16777216\n",
                        "spool.max_bytes: is 2000000, must be at least twice segment_bytes"),
                bad(
                        "bad spool policy",
                        MINIMAL + "[spool]\nfull_policy = \"block\"\n",
                        "spool.full_policy: 'block' is not a spool policy; use drop-oldest or drop-newest"),
                new Bad(
                        "bad env value",
                        MINIMAL,
                        Map.of("LPMS_EDGE_SENSOR_ARM_1_RATE_HZ", "lots"),
                        List.of("env LPMS_EDGE_SENSOR_ARM_1_RATE_HZ: sensor[0].rate_hz: 'lots' is not a whole number")),
                new Bad(
                        "env rate out of range",
                        MINIMAL,
                        Map.of("LPMS_EDGE_SENSOR_ARM_1_RATE_HZ", "1000"),
                        List.of("env LPMS_EDGE_SENSOR_ARM_1_RATE_HZ: sensor[0].rate_hz: is 1000 Hz")));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badConfigsNameKeyLineAndFix(Bad bad) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(bad.toml(), bad.env()));
        List<String> messages =
                e.problems().stream().map(ConfigProblem::toString).toList();
        for (String expected : bad.expected()) {
            if (messages.stream().noneMatch(m -> m.startsWith(expected) || m.contains(expected))) {
                fail("expected a problem like\n  " + expected + "\nbut got\n  " + String.join("\n  ", messages));
            }
        }
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() {
        String toml = """
                [bridge]
                name = "x y"
                [[sensor]]
                name = "a"
                link = "tcp://h:1"
                rate_hz = 60
                [[sensor]]
                name = "a"
                link = "/dev/x"
                outputs = ["acc", "humidity"]
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> parse(toml, Map.of()));
        assertEquals(
                List.of("bridge.toml:2", "bridge.toml:6", "bridge.toml:8", "bridge.toml:10"),
                e.problems().stream().map(ConfigProblem::origin).toList());
    }

    @Test
    void linkAddresses() {
        assertEquals(new LinkAddress.Serial("/dev/rfcomm0"), LinkAddress.parse("/dev/rfcomm0"));
        assertEquals(new LinkAddress.Serial("/dev/ttyUSB0"), LinkAddress.parse("serial:///dev/ttyUSB0"));
        assertEquals(new LinkAddress.Tcp("::1", 7001), LinkAddress.parse("tcp://[::1]:7001"));
        assertEquals(new LinkAddress.Rfcomm("001122AABBCC", 1), LinkAddress.parse("btspp://00:11:22:aa:bb:cc:1"));
        assertEquals(
                "btspp://001122AABBCC:1",
                LinkAddress.parse("btspp://001122aabbcc:1").url());
        assertThrows(IllegalArgumentException.class, () -> LinkAddress.parse("tcp://host:70000"));
        assertThrows(IllegalArgumentException.class, () -> LinkAddress.parse("serial://"));
    }

    @Test
    void sinksOfEveryKindWithSecretsFromTheEnvironment(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path props = java.nio.file.Files.writeString(
                tmp.resolve("kafka.properties"),
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";\n");
        BridgeConfig c = parse(MINIMAL + """
                [spool]
                dir = "/var/lib/lpms-edge/spool"
                fsync_interval_ms = 100
                [[sink]]
                name = "local"
                type = "jsonl"
                path = "/tmp/readings.jsonl"
                [[sink]]
                name = "cloud"
                type = "rest-proxy"
                url = "https://pkc-1.confluent.cloud:443/kafka"
                api = "v3"
                cluster_id = "lkc-1"
                username = "APIKEY"
                batch_max_records = 200
                [[sink]]
                name = "direct"
                type = "kafka"
                bootstrap_servers = "10.0.0.5:9092"
                properties = { "security.protocol" = "SASL_SSL", sasl.mechanism = "PLAIN" }
                properties_file = "%s"
                """.formatted(props), Map.of("LPMS_EDGE_SINK_CLOUD_PASSWORD", "s3cr3t"));
        List<SinkSpec> sinks = c.delivery().sinks();
        assertEquals(new JsonLinesSpec("local", "/tmp/readings.jsonl", SenderConfig.DEFAULTS), sinks.get(0));
        RestProxySpec cloud = (RestProxySpec) sinks.get(1);
        assertEquals("s3cr3t", cloud.rest().password().reveal());
        assertEquals("lkc-1", cloud.rest().clusterId());
        assertEquals(200, cloud.sender().batchMaxRecords());
        assertTrue(!cloud.toString().contains("s3cr3t"), "secrets never printed: " + cloud);
        KafkaSpec direct = (KafkaSpec) sinks.get(2);
        assertEquals("SASL_SSL", direct.properties().get("security.protocol"));
        assertEquals("PLAIN", direct.properties().get("sasl.mechanism"));
        assertTrue(direct.properties().get("sasl.jaas.config").contains("PlainLoginModule"));
        assertTrue(!direct.toString().contains("password"), direct.toString());
        assertEquals(Duration.ofMillis(100), c.delivery().spool().fsyncInterval());
    }

    /** The example's commented-out [status] block is what a user uncomments: it must load as it stands. */
    @Test
    void theExamplesStatusBlockIsValidWhenUncommented() throws Exception {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(Path.of("..", "config", "bridge.example.toml"))) {
            inBlock = line.equals("# [status]") || (inBlock && line.startsWith("# "));
            out.add(inBlock ? line.substring(2) : line);
        }
        assertTrue(out.contains("[status]"), "the example has a [status] block");
        BridgeConfig c = new ConfigLoader(Map.of()).parse(String.join("\n", out), "bridge.example.toml");
        assertEquals(Duration.ofSeconds(10), c.status().interval());
        assertEquals("status", c.status().topic());
        assertEquals(List.of("cluster"), c.status().sinks());
    }
}
