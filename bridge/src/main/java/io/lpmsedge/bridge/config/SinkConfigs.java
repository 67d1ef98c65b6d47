package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.delivery.file.JsonLinesSpec;
import io.lpmsedge.bridge.delivery.kafka.KafkaSpec;
import io.lpmsedge.bridge.delivery.kafka.ProducerProperties;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySpec;
import io.lpmsedge.bridge.secret.Secret;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads {@code [spool]} and the {@code [[sink]]} tables: the delivery half of the config. */
final class SinkConfigs {
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern SINK_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private SinkConfigs() {}

    static SpoolConfig spool(TomlSection s) {
        SpoolConfig d = SpoolConfig.defaults(Path.of("spool"));
        String dir = s.string("dir", "spool");
        long maxBytes = s.integer("max_bytes", d.maxBytes(), 1 << 20, Long.MAX_VALUE / 2, " bytes");
        long segmentBytes = s.integer("segment_bytes", d.segmentBytes(), 4096, 1L << 30, " bytes");
        long fsync = s.integer("fsync_interval_ms", d.fsyncInterval().toMillis(), 0, 10_000, " ms");
        SpoolFullPolicy policy =
                s.convert("full_policy", s.string("full_policy", "drop-oldest"), SpoolFullPolicy::byKey);
        long deadLetterMax =
                s.integer("dead_letter_max_bytes", d.deadLetterMaxBytes(), 4096, Long.MAX_VALUE / 2, " bytes");
        if (maxBytes < 2 * segmentBytes) {
            s.problem("max_bytes", "is " + maxBytes + ", must be at least twice segment_bytes (" + segmentBytes + ")");
            maxBytes = 2 * segmentBytes;
        }
        return new SpoolConfig(
                Path.of(dir),
                maxBytes,
                segmentBytes,
                Duration.ofMillis(fsync),
                d.ackPersistInterval(),
                policy == null ? SpoolFullPolicy.DROP_OLDEST : policy,
                deadLetterMax);
    }

    static String checkTopic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_', '-')");
        }
        return topic;
    }

    /** The sinks; with no {@code [[sink]]} at all, one JSON Lines sink to standard output. */
    static List<SinkSpec> sinks(
            TomlParseResult doc, String fileName, Map<String, String> env, List<ConfigProblem> problems) {
        List<SinkSpec> out = new ArrayList<>();
        if (!doc.contains("sink")) {
            out.add(new JsonLinesSpec("stdout", "-", SenderConfig.DEFAULTS));
            return out;
        }
        if (!doc.isArray("sink")) {
            problems.add(new ConfigProblem(
                    fileName + ":" + doc.inputPositionOf("sink").line(),
                    "sink",
                    "must be an array of tables: write [[sink]] (double brackets) before each sink"));
            return out;
        }
        TomlArray array = doc.getArray("sink");
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable table)) {
                problems.add(new ConfigProblem(
                        fileName + ":" + array.inputPositionOf(i).line(),
                        "sink[" + i + "]",
                        "must be a table: write [[sink]] followed by its keys"));
                continue;
            }
            String rawName = table.get("name") instanceof String n ? n : "sink" + i;
            String prefix = ConfigLoader.ENV_PREFIX + "SINK_"
                    + rawName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
            TomlSection s = new TomlSection(
                    fileName, table, array.inputPositionOf(i), "sink[" + i + "]", prefix, env, problems);
            SinkSpec spec = sink(s, env, i, recordsAreJson(doc));
            s.reportUnknownKeys();
            if (spec == null) {
                continue;
            }
            Integer previous =
                    names.putIfAbsent(spec.name(), array.inputPositionOf(i).line());
            if (previous != null) {
                s.problem(
                        "name",
                        "duplicate sink name '" + spec.name() + "' (also at line " + previous
                                + "); each sink keeps its own position in the spool under its name");
                continue;
            }
            out.add(spec);
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem(
                    fileName + ":1",
                    "sink",
                    "no usable [[sink]]; add one, or remove [[sink]] to " + "write JSON Lines to standard output"));
        }
        return out;
    }

    /**
     * Whether {@code [record] format} is a JSON one (read here as well: the REST sink's embedded format depends
     * on it; an unknown format is reported by the [record] section itself).
     */
    private static boolean recordsAreJson(TomlParseResult doc) {
        Object format = doc.get("record.format");
        if (!(format instanceof String f)) {
            return true; // the default format is json
        }
        try {
            return io.lpmsedge.record.RecordFormat.byName(f).isJson();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static SinkSpec sink(TomlSection s, Map<String, String> env, int index, boolean jsonRecords) {
        String name = s.convert("name", s.string("name", "sink" + index), n -> {
            if (!SINK_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException(
                        "'" + n + "' is not a usable sink name (1-40 letters, digits, '_', '-')");
            }
            return n;
        });
        String type = s.string("type", null);
        SenderConfig sender = sender(s);
        if (name == null || type == null) {
            return null;
        }
        switch (type) {
            case "jsonl":
                return new JsonLinesSpec(name, s.string("path", "-"), sender);
            case "rest-proxy":
                return restProxy(s, name, sender, jsonRecords);
            case "kafka":
                return kafka(s, name, sender);
            default:
                s.problem("type", "is '" + type + "'; use \"jsonl\", \"rest-proxy\" or \"kafka\"");
                return null;
        }
    }

    private static SenderConfig sender(TomlSection s) {
        SenderConfig d = SenderConfig.DEFAULTS;
        return new SenderConfig(
                (int) s.integer("batch_max_records", d.batchMaxRecords(), 1, 100_000, ""),
                (int) s.integer("batch_max_bytes", d.batchMaxBytes(), 1024, 64 << 20, " bytes"),
                Duration.ofMillis(s.integer("linger_ms", d.linger().toMillis(), 0, 60_000, " ms")),
                Duration.ofMillis(s.integer(
                        "retry_backoff_initial_ms", d.retryBackoffInitial().toMillis(), 1, 600_000, " ms")),
                Duration.ofMillis(
                        s.integer("retry_backoff_max_ms", d.retryBackoffMax().toMillis(), 1, 3_600_000, " ms")),
                Duration.ofMillis(s.integer(
                        "topic_missing_backoff_ms", d.topicMissingBackoff().toMillis(), 1, 86_400_000, " ms")),
                Duration.ofMillis(s.integer(
                        "auth_failure_backoff_ms", d.authFailureBackoff().toMillis(), 1, 86_400_000, " ms")),
                (int) s.integer("max_in_flight", d.maxInFlight(), 1, 64, ""),
                Duration.ofMillis(s.integer(
                        "reconnect_backoff_max_ms", d.reconnectBackoffMax().toMillis(), 0, 600_000, " ms")));
    }

    private static SinkSpec restProxy(TomlSection s, String name, SenderConfig sender, boolean jsonRecords) {
        String url = s.convert("url", s.string("url", null), u -> {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException(
                        "'" + u + "' must start with http:// or https:// (e.g. http://proxy:8082)");
            }
            return u;
        });
        RestProxyConfig.Api api = s.convert("api", s.string("api", "v3"), a -> {
            switch (a) {
                case "v2":
                    return RestProxyConfig.Api.V2;
                case "v3":
                    return RestProxyConfig.Api.V3;
                default:
                    throw new IllegalArgumentException("is '" + a + "'; use \"v2\" or \"v3\"");
            }
        });
        RestProxyConfig.Embedded embedded = s.convert("embedded_format", s.string("embedded_format", "auto"), e -> {
            switch (e) {
                case "auto":
                    return RestProxyConfig.Embedded.AUTO;
                case "binary":
                    return RestProxyConfig.Embedded.BINARY;
                case "json":
                    if (!jsonRecords) {
                        throw new IllegalArgumentException("is \"json\" but [record] format is binary (CBOR), which "
                                + "cannot be embedded as JSON; use \"binary\" (or \"auto\")");
                    }
                    return RestProxyConfig.Embedded.JSON;
                default:
                    throw new IllegalArgumentException("is '" + e + "'; use \"auto\" (json for JSON records, binary "
                            + "for CBOR), \"json\" or \"binary\"");
            }
        });
        if (embedded != null
                && embedded != RestProxyConfig.Embedded.AUTO
                && api == RestProxyConfig.Api.V3
                && s.isSet("embedded_format")) {
            s.problem(
                    "embedded_format",
                    "applies to api = \"v2\" only; v3 always embeds JSON records as JSON and "
                            + "others as BINARY: remove it, or set api = \"v2\"");
        }
        String clusterId = s.string("cluster_id", "");
        String username = s.string("username", "");
        Secret password = secret(s, "password");
        Secret token = secret(s, "token");
        Path ca = file(s, "ca_file");
        Path cert = file(s, "client_cert_file");
        Path key = file(s, "client_key_file");
        long timeout = s.integer("request_timeout_ms", 10_000, 100, 600_000, " ms");
        if ((cert == null) != (key == null) && s.isSet("client_cert_file") != s.isSet("client_key_file")) {
            s.problem(
                    cert == null ? "client_cert_file" : "client_key_file",
                    "mTLS needs both client_cert_file and client_key_file (PEM, PKCS#8 key)");
        }
        if (!username.isEmpty() && password == null) {
            s.problem(
                    "username",
                    "Basic auth needs a password: set password_file, or the environment variable "
                            + TomlSection.envName(s.envPrefix(), "password"));
        }
        if (url == null || api == null) {
            return null;
        }
        return new RestProxySpec(
                name,
                new RestProxyConfig(
                        url,
                        api,
                        clusterId.isEmpty() ? null : clusterId,
                        username.isEmpty() ? null : username,
                        password,
                        token,
                        ca,
                        cert,
                        key,
                        Duration.ofMillis(timeout),
                        embedded == null ? RestProxyConfig.Embedded.AUTO : embedded),
                sender);
    }

    private static SinkSpec kafka(TomlSection s, String name, SenderConfig sender) {
        String bootstrap = s.string("bootstrap_servers", null);
        Map<String, String> properties = new LinkedHashMap<>(s.stringMap("properties"));
        Path file = file(s, "properties_file");
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
                p.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
            } catch (IOException e) {
                s.problem("properties_file", "cannot read " + file + ": " + e.getMessage());
            }
        }
        long timeout = s.integer("request_timeout_ms", 30_000, 1000, 600_000, " ms");
        String compression = ProducerProperties.compressionProblem(
                properties.get("compression.type"), System.getProperty("os.arch", ""));
        if (compression != null) {
            s.problem(s.tableContains("properties") ? "properties" : "properties_file", compression);
        }
        if (bootstrap == null) {
            return null;
        }
        return new KafkaSpec(name, bootstrap, properties, Duration.ofMillis(timeout), sender);
    }

    /**
     * A secret comes from {@code <key>_file} or the environment ({@code LPMS_EDGE_SINK_<NAME>_<KEY>}), never
     * from the config file itself, which is often world-readable and copied around. Also {@code [http]}'s.
     */
    static Secret secret(TomlSection s, String key) {
        String fromEnv = s.env(TomlSection.envName(s.envPrefix(), key));
        if (s.tableContains(key)) {
            s.problem(
                    key,
                    "secrets do not belong in the config file; use " + key + "_file = \"/etc/lpms-edge/" + key
                            + "\" or the environment variable " + TomlSection.envName(s.envPrefix(), key));
            s.markKnown(key);
            return null;
        }
        s.markKnown(key);
        if (fromEnv != null) {
            return new Secret(fromEnv);
        }
        Path file = file(s, key + "_file");
        if (file == null) {
            return null;
        }
        try {
            return new Secret(Files.readString(file).strip());
        } catch (IOException e) {
            s.problem(key + "_file", "cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** An existing, readable file, or null when the key is not set. */
    private static Path file(TomlSection s, String key) {
        String v = s.string(key, "");
        if (v.isEmpty()) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            s.problem(key, p + " does not exist or cannot be read by this user");
            return null;
        }
        return p;
    }
}
