package io.lpmsedge.bridge.config;

import io.lpmsedge.bridge.delivery.DeliveryConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;
import io.lpmsedge.bridge.link.LinkAddress;
import io.lpmsedge.bridge.link.LinkTimings;
import io.lpmsedge.bridge.pipeline.QueueFullPolicy;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.session.SensorConfig;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.StreamRates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads the bridge's TOML file, applies {@code LPMS_EDGE_*} environment overrides, and validates everything
 * into an immutable {@link BridgeConfig}, or fails with every problem found. See docs/configuration.md.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "LPMS_EDGE_";
    static final List<String> DEFAULT_OUTPUTS = List.of("gyro", "acc", "mag", "pressure", "temperature");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> SECTIONS = Set.of(
            "bridge", "sensor", "link", "pipeline", "spool", "record", "sink", "scoring", "gpio", "http", "status");
    private static final String SECTION_LIST = "[bridge], [[sensor]], [link], [pipeline], [spool], [record], [[sink]], "
            + "[scoring], [gpio], [http], [status]";

    private final Map<String, String> env;

    /** @param env the environment to take overrides from (usually {@code System.getenv()}) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public BridgeConfig load(Path file) throws ConfigException, IOException {
        return parse(Files.readString(file), file.toString());
    }

    public BridgeConfig parse(String toml, String fileName) throws ConfigException {
        TomlParseResult doc = Toml.parse(toml);
        List<ConfigProblem> problems = new ArrayList<>();
        if (doc.hasErrors()) {
            for (TomlParseError e : doc.errors()) {
                problems.add(new ConfigProblem(
                        fileName + ":" + e.position().line(), "", "not valid TOML: " + e.getMessage()));
            }
            throw new ConfigException(problems);
        }
        for (String key : doc.keySet()) {
            if (!SECTIONS.contains(key)) {
                problems.add(new ConfigProblem(
                        fileName + ":" + doc.inputPositionOf(key).line(),
                        key,
                        "unknown section; known sections: " + SECTION_LIST));
            }
        }

        TomlSection bridge = section(doc, "bridge", fileName, problems);
        String bridgeName = bridge.convert("name", bridge.string("name", null), ConfigLoader::checkName);
        bridge.reportUnknownKeys();

        TomlSection link = section(doc, "link", fileName, problems);
        LinkTimings timings = linkTimings(link);
        link.reportUnknownKeys();

        TomlSection pipeline = section(doc, "pipeline", fileName, problems);
        PipelineConfig pipelineConfig = new PipelineConfig(
                (int) pipeline.integer("queue_capacity", PipelineConfig.DEFAULTS.queueCapacity(), 16, 1_000_000, ""),
                orDefault(
                        pipeline.convert(
                                "queue_full", pipeline.string("queue_full", "drop-oldest"), QueueFullPolicy::byKey),
                        QueueFullPolicy.DROP_OLDEST));
        pipeline.reportUnknownKeys();

        TomlSection spoolSection = section(doc, "spool", fileName, problems);
        SpoolConfig spool = SinkConfigs.spool(spoolSection);
        spoolSection.reportUnknownKeys();
        TomlSection record = section(doc, "record", fileName, problems);
        String format = record.convert(
                "format",
                record.string("format", "json"),
                f -> io.lpmsedge.record.RecordFormat.byName(f).name());
        String readingsTopic =
                record.convert("readings_topic", record.string("readings_topic", "readings"), SinkConfigs::checkTopic);
        record.reportUnknownKeys();
        List<SinkSpec> sinks = SinkConfigs.sinks(doc, fileName, env, problems);

        TomlSection httpSection = section(doc, "http", fileName, problems);
        HttpConfig http = HttpConfigs.read(httpSection);
        httpSection.reportUnknownKeys();

        List<SensorConfig> sensors = sensors(doc, fileName, problems);

        TomlSection scoringSection = section(doc, "scoring", fileName, problems);
        TomlSection gpioSection = section(doc, "gpio", fileName, problems);
        ScoringConfig scoring = ScoringConfigs.scoring(
                scoringSection, doc.isTable("scoring"), gpioSection, doc.isTable("gpio"), sensors, readingsTopic);
        scoringSection.reportUnknownKeys();
        gpioSection.reportUnknownKeys();

        TomlSection statusSection = section(doc, "status", fileName, problems);
        StatusConfig status = StatusConfigs.status(
                statusSection, sinks, readingsTopic, scoring == null ? null : scoring.verdictTopic());
        statusSection.reportUnknownKeys();

        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(ConfigLoader::lineOf));
            throw new ConfigException(problems);
        }
        return new BridgeConfig(
                bridgeName,
                sensors,
                timings,
                pipelineConfig,
                new DeliveryConfig(spool, format, readingsTopic, sinks),
                scoring,
                http,
                status);
    }

    private TomlSection section(TomlParseResult doc, String name, String fileName, List<ConfigProblem> problems) {
        TomlTable table = null;
        if (doc.contains(name)) {
            if (doc.isTable(name)) {
                table = doc.getTable(name);
            } else {
                problems.add(new ConfigProblem(
                        fileName + ":" + doc.inputPositionOf(name).line(),
                        name,
                        "must be a table: write [" + name + "] on its own line"));
            }
        }
        return new TomlSection(
                fileName,
                table,
                doc.contains(name) ? doc.inputPositionOf(name) : null,
                name,
                ENV_PREFIX + name.toUpperCase(Locale.ROOT) + "_",
                env,
                problems);
    }

    private static LinkTimings linkTimings(TomlSection s) {
        LinkTimings d = LinkTimings.DEFAULTS;
        Duration connect = ms(s.integer("connect_timeout_ms", d.connectTimeout().toMillis(), 100, 120_000, " ms"));
        Duration command = ms(s.integer("command_timeout_ms", d.commandTimeout().toMillis(), 50, 60_000, " ms"));
        int retries = (int) s.integer("command_retries", d.commandRetries(), 0, 20, "");
        Duration stall = ms(s.integer("stall_timeout_ms", d.stallTimeout().toMillis(), 100, 3_600_000, " ms"));
        Duration initial = ms(s.integer("backoff_initial_ms", d.backoffInitial().toMillis(), 10, 600_000, " ms"));
        Duration max = ms(s.integer("backoff_max_ms", d.backoffMax().toMillis(), 10, 3_600_000, " ms"));
        if (max.compareTo(initial) < 0) {
            s.problem(
                    "backoff_max_ms",
                    "is " + max.toMillis() + " ms, less than backoff_initial_ms (" + initial.toMillis()
                            + " ms); make it at least that");
        }
        int baud = (int) s.integer("serial_baud", d.serialBaud(), 1200, 4_000_000, " baud");
        return new LinkTimings(connect, command, retries, stall, initial, max, baud);
    }

    private List<SensorConfig> sensors(TomlParseResult doc, String fileName, List<ConfigProblem> problems) {
        List<SensorConfig> out = new ArrayList<>();
        if (!doc.contains("sensor")) {
            problems.add(new ConfigProblem(
                    fileName + ":1",
                    "sensor",
                    "no sensors configured; add a [[sensor]] table with at least name and link"));
            return out;
        }
        if (!doc.isArray("sensor")) {
            problems.add(new ConfigProblem(
                    fileName + ":" + doc.inputPositionOf("sensor").line(),
                    "sensor",
                    "must be an array of tables: write [[sensor]] (double brackets) before each sensor"));
            return out;
        }
        TomlArray array = doc.getArray("sensor");
        Map<String, Integer> namesSeen = new HashMap<>();
        Map<String, Integer> linksSeen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable table)) {
                problems.add(new ConfigProblem(
                        fileName + ":" + array.inputPositionOf(i).line(),
                        "sensor[" + i + "]",
                        "must be a table: write [[sensor]] followed by its keys"));
                continue;
            }
            int line = array.inputPositionOf(i).line();
            String name = table.get("name") instanceof String n ? n : null;
            String prefix = ENV_PREFIX + "SENSOR_"
                    + (name == null ? i : name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")) + "_";
            TomlSection s = new TomlSection(
                    fileName, table, array.inputPositionOf(i), "sensor[" + i + "]", prefix, env, problems);
            SensorConfig sensor = sensor(s);
            s.reportUnknownKeys();
            // Checked on the raw values, so that a sensor with other mistakes is still compared.
            Integer previous = name == null ? null : namesSeen.putIfAbsent(name, line);
            if (previous != null) {
                s.problem(
                        "name",
                        "duplicate sensor name '" + name + "' (also at line " + previous
                                + "); every sensor needs its own name, it is the key of its records");
            }
            if (sensor == null) {
                continue;
            }
            Integer sameLink = linksSeen.putIfAbsent(sensor.link().url(), line);
            if (sameLink != null) {
                s.problem(
                        "link",
                        "link " + sensor.link().url() + " is already used by the sensor at line " + sameLink
                                + "; one link reaches one sensor");
            }
            out.add(sensor);
        }
        if (array.size() == 0) {
            problems.add(new ConfigProblem(fileName + ":1", "sensor", "no sensors configured; add a [[sensor]] table"));
        }
        return out;
    }

    private static SensorConfig sensor(TomlSection s) {
        String name = s.convert("name", s.string("name", null), ConfigLoader::checkName);
        LinkAddress link = s.convert("link", s.string("link", null), LinkAddress::parse);
        Set<Output> outputs = s.convert("outputs", s.stringList("outputs", DEFAULT_OUTPUTS), ConfigLoader::outputs);
        long rate = s.integer("rate_hz", 100, 1, 100_000, " Hz");
        Integer rateHz = s.convert("rate_hz", rate, r -> {
            if (!StreamRates.supported(r)) {
                throw new IllegalArgumentException(
                        "is " + r + " Hz, not a rate the LPMS-B2 streams at; use " + StreamRates.SUPPORTED_TEXT);
            }
            return (int) (long) r;
        });
        Boolean sixteen = s.convert("data_mode", s.string("data_mode", "32bit"), m -> {
            switch (m) {
                case "32bit":
                    return false;
                case "16bit":
                    return true;
                default:
                    throw new IllegalArgumentException("is '" + m + "'; use \"32bit\" (floats) or \"16bit\" "
                            + "(fixed point, half the bandwidth)");
            }
        });
        FirmwareProfile profile = s.convert("profile", s.string("profile", "b2-fw2"), FirmwareProfile::byName);
        int lpbusId = (int) s.integer("lpbus_id", 1, 0, 65535, "");
        boolean resetTimestamp = s.bool("reset_timestamp", false);
        if (name == null || link == null || outputs == null || rateHz == null || sixteen == null || profile == null) {
            return null;
        }
        return new SensorConfig(name, link, outputs, rateHz, sixteen, profile, lpbusId, resetTimestamp);
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a usable name; use 1-64 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit (it becomes a record key)");
        }
        return name;
    }

    private static Set<Output> outputs(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("is empty; enable at least one output, e.g. [\"acc\"]");
        }
        Set<Output> set = EnumSet.noneOf(Output.class);
        Set<String> unknown = new LinkedHashSet<>();
        for (String k : keys) {
            if (k.equalsIgnoreCase("humidity")) {
                throw new IllegalArgumentException("humidity: the LPMS-B2 has no humidity sensor; remove it");
            }
            try {
                set.add(Output.byKey(k));
            } catch (IllegalArgumentException e) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown output(s) " + unknown + "; use gyro, acc, mag, angVel, quat, "
                    + "euler, linAcc, pressure, altitude, temperature, heave");
        }
        return set;
    }

    /** File problems in line order, environment problems after them. */
    private static int lineOf(ConfigProblem p) {
        int colon = p.origin().lastIndexOf(':');
        if (p.origin().startsWith("env ") || colon < 0) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(p.origin().substring(colon + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static <T> T orDefault(T v, T dflt) {
        return v == null ? dflt : v;
    }
}
