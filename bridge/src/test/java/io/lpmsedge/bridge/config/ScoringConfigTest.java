package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.command.CheckConfigCommand;
import io.lpmsedge.bridge.scoring.GpioConfig;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.TestModel;
import io.lpmsedge.cli.BadInputHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code [scoring]} and {@code [gpio]}: parsing, env overrides and the model checks check-config reports. */
class ScoringConfigTest {
    @TempDir
    Path tmp;

    static String toml(String sensors, String scoring) {
        return """
                [bridge]
                name = "line-3"
                """ + sensors + scoring;
    }

    static final String TWO_SENSORS = """
            [[sensor]]
            name = "arm-1"
            link = "tcp://127.0.0.1:7001"
            [[sensor]]
            name = "arm-2"
            link = "tcp://127.0.0.1:7002"
            outputs = ["acc", "gyro"]
            """;

    static String scoring(Path model) {
        return "[scoring]\nmodel = \"" + model + "\"\n";
    }

    static BridgeConfig parse(String toml, Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).parse(toml, "bridge.toml");
    }

    static List<String> problems(String toml, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(toml, env));
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void withoutTheSectionTheBridgeDoesNotScore() throws ConfigException {
        BridgeConfig c = parse(toml(TWO_SENSORS, ""), Map.of());
        assertFalse(c.scoring().enabled());
        assertFalse(c.scoring().gpio().enabled());
    }

    @Test
    void aModelWithItsManifestScoresEverySensorByDefault() throws ConfigException {
        BridgeConfig c = parse(toml(TWO_SENSORS, scoring(TestModel.model())), Map.of());
        ScoringConfig s = c.scoring();
        assertTrue(s.enabled());
        assertEquals(List.of("arm-1", "arm-2"), s.sensors());
        assertEquals(TestModel.manifest(), s.models().get(0).manifest(), "NAME.manifest.json beside the model");
        assertEquals("sim_ok_ae.zip", s.modelName("arm-1"), "the single form names the model by its file");
        assertEquals("verdicts", s.verdictTopic());
        assertEquals(8192, s.queueCapacity());
        assertFalse(s.windowEvents());
        assertEquals(0.00126263978617413, s.models().get(0).scorer().threshold());
        assertEquals(200, s.models().get(0).scorer().window().size());
        assertEquals(GpioConfig.DISABLED, s.gpio());
    }

    @Test
    void everyKeyAndItsEnvironmentOverride() throws ConfigException {
        String file = toml(TWO_SENSORS, scoring(TestModel.model()) + """
                manifest = "%s"
                sensors = ["arm-2"]
                verdict_topic = "edge-verdicts"
                queue_capacity = 1000
                window_events = true
                [gpio]
                pin = 17
                active = "low"
                """.formatted(TestModel.manifest()));
        ScoringConfig s = parse(file, Map.of()).scoring();
        assertEquals(List.of("arm-2"), s.sensors());
        assertEquals("edge-verdicts", s.verdictTopic());
        assertEquals(1000, s.queueCapacity());
        assertTrue(s.windowEvents());
        assertEquals(new GpioConfig(true, 17, false), s.gpio());

        ScoringConfig o = parse(
                        file,
                        Map.of(
                                "LPMS_EDGE_SCORING_SENSORS",
                                "arm-1,arm-2",
                                "LPMS_EDGE_SCORING_VERDICT_TOPIC",
                                "v2",
                                "LPMS_EDGE_GPIO_PIN",
                                "22",
                                "LPMS_EDGE_GPIO_ACTIVE",
                                "high",
                                "LPMS_EDGE_SCORING_WINDOW_EVENTS",
                                "false"))
                .scoring();
        assertEquals(List.of("arm-1", "arm-2"), o.sensors());
        assertEquals("v2", o.verdictTopic());
        assertFalse(o.windowEvents());
        assertEquals(new GpioConfig(true, 22, true), o.gpio());

        BridgeConfig off = parse(file, Map.of("LPMS_EDGE_SCORING_ENABLED", "false", "LPMS_EDGE_GPIO_ENABLED", "false"));
        assertFalse(off.scoring().enabled());
        assertFalse(off.scoring().gpio().enabled());
        // The environment alone can switch scoring on for a file without the section.
        assertTrue(parse(
                        toml(TWO_SENSORS, ""),
                        Map.of("LPMS_EDGE_SCORING_MODEL", TestModel.model().toString()))
                .scoring()
                .enabled());
    }

    @Test
    void aMissingModelIsReportedAtItsLine() {
        Path missing = tmp.resolve("nope.zip");
        List<String> p = problems(toml(TWO_SENSORS, scoring(missing)), Map.of());
        assertEquals(
                List.of("bridge.toml:11: scoring.model: model '" + missing + "' does not exist; pass a MOJO .zip, "
                        + "a POJO .java, a compiled POJO .class or a .jar with one"),
                p);
    }

    @Test
    void aModelWithoutManifestSaysHowToMakeOne() throws IOException {
        Path model = Files.copy(TestModel.model(), tmp.resolve("m.zip"));
        List<String> p = problems(toml(TWO_SENSORS, scoring(model)), Map.of());
        assertEquals(1, p.size());
        assertTrue(
                p.get(0).contains("manifest '" + tmp.resolve("m.manifest.json") + "' does not exist")
                        && p.get(0).contains("lpms-edge calibrate --model " + model),
                p.get(0));
    }

    @Test
    void aManifestThatDoesNotMatchTheModelNamesBothSides() throws IOException {
        Path model = Files.copy(TestModel.model(), tmp.resolve("m.zip"));
        Files.writeString(
                tmp.resolve("m.manifest.json"),
                Files.readString(TestModel.manifest()).replace("\"gyro_z\"", "\"gyro_q\""));
        List<String> p = problems(toml(TWO_SENSORS, scoring(model)), Map.of());
        assertEquals(1, p.size());
        assertTrue(
                p.get(0)
                        .startsWith(
                                "bridge.toml:11: scoring.model: manifest for m.zip: model columns [gyro_z] have "
                                        + "no feature in the manifest; manifest features [gyro_q] are not columns of the model"),
                p.get(0));
    }

    @Test
    void sensorsWhoseOutputsOrRateDoNotMatchTheManifestAreReported() {
        String sensors = """
                [[sensor]]
                name = "arm-1"
                link = "tcp://127.0.0.1:7001"
                outputs = ["acc", "mag"]
                [[sensor]]
                name = "arm-2"
                link = "tcp://127.0.0.1:7002"
                rate_hz = 200
                """;
        List<String> p = problems(toml(sensors, scoring(TestModel.model())), Map.of());
        assertEquals(2, p.size(), p.toString());
        assertTrue(
                p.get(0)
                                .contains(
                                        "but sensor 'arm-1' sends only [acc, mag]; enable those outputs on the sensor or "
                                                + "fix the manifest's features")
                        && p.get(0).contains("gyro_x <- gyro[0]"),
                p.get(0));
        assertTrue(
                p.get(1)
                        .contains("the manifest expects 100 Hz (sampleRateHz) but sensor 'arm-2' is configured for "
                                + "200 Hz"),
                p.get(1));
        // Not scoring the odd sensor out is a fix too.
        assertEquals(
                1,
                problems(toml(sensors, scoring(TestModel.model()) + "sensors = [\"arm-2\"]\n"), Map.of())
                        .size());
    }

    @Test
    void badValuesAreReportedWithTheirFix() {
        List<String> p = problems(toml(TWO_SENSORS, scoring(TestModel.model()) + """
                sensors = ["arm-9"]
                verdict_topic = "readings"
                queue_capacity = 2
                windows = true
                [gpio]
                pin = 40
                active = "sometimes"
                """), Map.of());
        assertEquals(
                List.of(
                        "bridge.toml:12: scoring.sensors: 'arm-9' is not a configured sensor; configured sensors are [arm-1, arm-2]",
                        "bridge.toml:13: scoring.verdict_topic: is 'readings', the readings' topic too; verdict events need "
                                + "their own topic (default \"verdicts\")",
                        "bridge.toml:14: scoring.queue_capacity: is 2, must be 16..1000000",
                        "bridge.toml:15: scoring.windows: unknown key. Known keys here: enabled, "
                                + "model, manifest, sensors, verdict_topic, queue_capacity, window_events, watch_ms",
                        "bridge.toml:17: gpio.pin: is 40, must be 0..27 (BCM GPIO number on the 40-pin header)",
                        "bridge.toml:18: gpio.active: is 'sometimes'; use \"high\" (FAILURE drives the line high) or \"low\" "
                                + "(for active-low relay boards)"),
                p);
    }

    @Test
    void anEmptySensorListIsAMistakeNotASilentlyIdleScorer() {
        assertEquals(
                List.of("bridge.toml:12: scoring.sensors: is empty; list the sensors to score, leave the key out "
                        + "to score all, or set enabled = false"),
                problems(toml(TWO_SENSORS, scoring(TestModel.model()) + "sensors = []\n"), Map.of()));
    }

    @Test
    void gpioNeedsScoringAndAPin() {
        assertEquals(
                List.of("bridge.toml:10: gpio.enabled: the GPIO output shows the verdict of live scoring, which is "
                        + "off; configure [scoring] (model = …) or remove [gpio]"),
                problems(toml(TWO_SENSORS, "[gpio]\npin = 17\n"), Map.of()));
        assertEquals(
                List.of("bridge.toml:12: gpio.pin: is missing; name the BCM GPIO line the stack light or relay is "
                        + "wired to, e.g. pin = 17 (header pin 11)"),
                problems(toml(TWO_SENSORS, scoring(TestModel.model()) + "[gpio]\nactive = \"high\"\n"), Map.of()));
    }

    @Test
    void checkConfigPrintsTheScoringSetupOrEveryProblem() throws IOException {
        Path good = Files.writeString(
                tmp.resolve("good.toml"), toml(TWO_SENSORS, scoring(TestModel.model()) + "[gpio]\npin = 17\n"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(good, out, err), err.toString());
        assertTrue(
                out.toString()
                        .contains("  scoring: 1 model(s) -> topic verdicts, model files watched every 2000 ms "
                                + "and on SIGHUP\n    model 'sim_ok_ae.zip' (sim_ok_ae.zip + sim_ok_ae.manifest.json, per-reading "
                                + "window 200/200, threshold 0.00126263978617413, hysteresis 3:2), " + TestModel.model()
                                + ", manifest "
                                + TestModel.manifest()),
                out.toString());
        assertTrue(
                out.toString()
                        .contains("    sensor arm-2 <- model 'sim_ok_ae.zip': outputs [acc, gyro] carry its "
                                + "features"),
                out.toString());
        assertTrue(out.toString().contains("rate 100 Hz = its 100.0 Hz: OK"), out.toString());
        assertTrue(
                out.toString().contains("  gpio: BCM 17, active high, on while any scored sensor is in FAILURE"),
                out.toString());

        Path bad = Files.writeString(tmp.resolve("bad.toml"), toml(TWO_SENSORS, scoring(tmp.resolve("gone.zip"))));
        out = new StringWriter();
        err = new StringWriter();
        assertEquals(2, run(bad, out, err));
        assertTrue(
                err.toString()
                        .startsWith("lpms-edge check-config: 1 problem in " + bad + ":\n  " + bad
                                + ":11: scoring.model: model '" + tmp.resolve("gone.zip") + "' does not exist"),
                err.toString());
    }

    private static int run(Path file, StringWriter out, StringWriter err) {
        // as the launcher runs it: bad input is printed by the one handler every command has
        CommandLine cmd = BadInputHandler.install(new CommandLine(new CheckConfigCommand()));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(file.toString());
    }
}
