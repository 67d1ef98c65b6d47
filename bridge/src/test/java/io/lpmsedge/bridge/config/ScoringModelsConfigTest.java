package io.lpmsedge.bridge.config;

import static io.lpmsedge.bridge.config.ScoringConfigTest.parse;
import static io.lpmsedge.bridge.config.ScoringConfigTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.command.CheckConfigCommand;
import io.lpmsedge.bridge.scoring.ModelFiles;
import io.lpmsedge.bridge.scoring.ScoringConfig;
import io.lpmsedge.bridge.scoring.SensorModel;
import io.lpmsedge.bridge.scoring.TestModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code [[scoring.model]]}: one model per machine, each with its sensors; what is refused and how it is said. */
class ScoringModelsConfigTest {
    @TempDir
    Path tmp;

    /** Lines 1-13: arm-1 and arm-2 (100 Hz) and spindle-1 (400 Hz, acc + gyro); [scoring] is line 14. */
    static final String SENSORS = """
            [bridge]
            name = "line-3"
            [[sensor]]
            name = "arm-1"
            link = "tcp://127.0.0.1:7001"
            [[sensor]]
            name = "arm-2"
            link = "tcp://127.0.0.1:7002"
            [[sensor]]
            name = "spindle-1"
            link = "tcp://127.0.0.1:7003"
            rate_hz = 400
            outputs = ["acc", "gyro"]
            """;

    private Path spindleManifest() throws Exception {
        return ModelFiles.manifest(tmp, "spindle.manifest.json", 400, 0.004, 100);
    }

    private String twoModels(String armSensors, String spindleSensors) throws Exception {
        return SENSORS
                + """
                [scoring]
                [[scoring.model]]
                model = "%s"
                sensors = %s
                [[scoring.model]]
                name = "spindle"
                model = "%s"
                manifest = "%s"
                sensors = %s
                """.formatted(TestModel.model(), armSensors, TestModel.model(), spindleManifest(), spindleSensors);
    }

    @Test
    void eachModelScoresItsOwnSensors() throws Exception {
        ScoringConfig s =
                parse(twoModels("[\"arm-*\"]", "[\"spindle-1\"]"), Map.of()).scoring();
        assertEquals(2, s.models().size());
        SensorModel arm = s.models().get(0);
        assertEquals("sim_ok_ae.zip", arm.name(), "a model without a name is named by its file");
        assertEquals(TestModel.manifest(), arm.manifest(), "its manifest beside it by default");
        assertEquals(List.of("arm-1", "arm-2"), arm.sensors());
        assertEquals("spindle", s.modelName("spindle-1"));
        assertEquals(0.004, s.modelFor("spindle-1").scorer().threshold());
        assertEquals(100, s.modelFor("spindle-1").scorer().window().size());
        assertEquals(List.of("arm-1", "arm-2", "spindle-1"), s.sensors());
    }

    @Test
    void theSingleModelVariableBesideModelTablesIsAnErrorNamingBothAndTheFix() throws Exception {
        String toml = twoModels("[\"arm-*\"]", "[\"spindle-1\"]");
        List<String> p = problems(toml, Map.of("LPMS_EDGE_SCORING_MODEL", "/opt/models/other.zip"));
        assertEquals(
                List.of("env LPMS_EDGE_SCORING_MODEL: scoring.model: is set to '/opt/models/other.zip', but the models "
                        + "are listed as [[scoring.model]] tables (bridge.toml:15 and on), which it cannot override, so "
                        + "it would be ignored; unset LPMS_EDGE_SCORING_MODEL (e.g. remove it from the unit's "
                        + "Environment=), or override one table's model with LPMS_EDGE_SCORING_MODEL_0_MODEL"),
                p);
        // the per-table variable is the way: it overrides the named table's model
        ScoringConfig s = parse(
                        toml,
                        Map.of(
                                "LPMS_EDGE_SCORING_MODEL_SPINDLE_MANIFEST",
                                spindleManifest().toString()))
                .scoring();
        assertEquals("spindle", s.modelName("spindle-1"));
    }

    @Test
    void aSensorNoModelListsIsNotScored() throws Exception {
        ScoringConfig s =
                parse(twoModels("[\"arm-1\"]", "[\"spindle-1\"]"), Map.of()).scoring();
        assertNull(s.modelFor("arm-2"));
        assertEquals(List.of("arm-1", "spindle-1"), s.sensors());
    }

    @Test
    void aSensorTwoModelsMatchIsRefusedNamingBoth() throws Exception {
        assertEquals(
                List.of("bridge.toml:22: scoring.model[1].sensors: sensor 'arm-2' is matched by model 'spindle' "
                        + "('*-2') and by model 'sim_ok_ae.zip' ('arm-*', [[scoring.model]] at line 15); a sensor is scored by "
                        + "one model: narrow one of the patterns"),
                problems(twoModels("[\"arm-*\"]", "[\"spindle-1\", \"*-2\"]"), Map.of()));
    }

    @Test
    void aPatternMatchingNoConfiguredSensorIsRefused() throws Exception {
        assertEquals(
                List.of(
                        "bridge.toml:22: scoring.model[1].sensors: pattern 'spindel-*' of model 'spindle' "
                                + "matches no configured sensor (configured: [arm-1, arm-2, spindle-1]); correct it or remove it"),
                problems(twoModels("[\"arm-*\"]", "[\"spindle-1\", \"spindel-*\"]"), Map.of()));
    }

    @Test
    void aSensorAtAnotherRateThanItsModelIsRefusedOnceForAllSuchSensors() throws Exception {
        List<String> p = problems(
                twoModels("[\"arm-*\"]", "[\"spindle-1\"]")
                        .replace("rate_hz = 400", "rate_hz = 400")
                        .replace("[[sensor]]\nname = \"arm-2\"", "[[sensor]]\nname = \"arm-2\"\nrate_hz = 50"),
                Map.of());
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("bridge.toml:18: scoring.model[0].sensors: "), p.get(0));
        assertTrue(p.get(0).contains("sensor 'arm-2' is configured for 50 Hz"), p.get(0));

        String all400 = twoModels("[\"arm-*\"]", "[\"spindle-1\"]")
                .replace("link = \"tcp://127.0.0.1:7001\"", "link = \"tcp://127.0.0.1:7001\"\nrate_hz = 400")
                .replace("link = \"tcp://127.0.0.1:7002\"", "link = \"tcp://127.0.0.1:7002\"\nrate_hz = 400");
        p = problems(all400, Map.of());
        assertEquals(1, p.size(), "one line for both arm sensors: " + p);
        assertTrue(
                p.get(0).contains("sensor 'arm-1'") && p.get(0).endsWith("(the same for sensors [arm-2])"), p.get(0));
    }

    @Test
    void aSensorWithoutTheOutputsItsModelNeedsIsRefused() throws Exception {
        String toml = twoModels("[\"arm-*\"]", "[\"spindle-1\"]")
                .replace("outputs = [\"acc\", \"gyro\"]", "outputs = [\"acc\", \"mag\"]");
        List<String> p = problems(toml, Map.of());
        assertEquals(1, p.size(), p.toString());
        assertTrue(
                p.get(0).startsWith("bridge.toml:22: scoring.model[1].sensors: ")
                        && p.get(0).contains("gyro")
                        && p.get(0).contains("spindle-1"),
                p.get(0));
    }

    @Test
    void missingFilesBadPatternsAndDuplicateNamesAreEachReportedAtTheirLine() throws Exception {
        String toml =
                SENSORS + """
                [scoring]
                [[scoring.model]]
                name = "arm"
                model = "%s"
                sensors = ["arm-1"]
                [[scoring.model]]
                name = "arm"
                model = "%s"
                manifest = "%s"
                sensors = ["arm-[2]"]
                """.formatted(tmp.resolve("gone.zip"), TestModel.model(), tmp.resolve("nope.manifest.json"));
        List<String> p = problems(toml, Map.of());
        assertTrue(
                p.stream()
                        .anyMatch(x ->
                                x.startsWith("bridge.toml:17: scoring.model[0].model: ") && x.contains("gone.zip")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(x -> x.startsWith("bridge.toml:23: scoring.model[1].sensors: sensor pattern "
                                + "'arm-[2]' is not a sensor name or glob")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(x -> x.startsWith("bridge.toml:20: scoring.model[1].name: model name 'arm' is "
                                + "already used at [[scoring.model]] at line 15")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(x -> x.startsWith("bridge.toml:22: scoring.model[1].manifest: manifest '")
                                && x.contains("does not exist; create it with 'lpms-edge calibrate")),
                p.toString());
    }

    @Test
    void theTwoFormsDoNotMix() throws Exception {
        String toml = twoModels("[\"arm-*\"]", "[\"spindle-1\"]")
                .replace("[scoring]\n", "[scoring]\nsensors = [\"arm-1\"]\n");
        assertEquals(
                List.of("bridge.toml:15: scoring.sensors: belongs in a [[scoring.model]] table when the models "
                        + "are listed that way; move it into the table of the model it is for"),
                problems(toml, Map.of()));
    }

    @Test
    void checkConfigPrintsOneLinePerSensorWithItsModel() throws Exception {
        Path file = Files.writeString(tmp.resolve("bridge.toml"), twoModels("[\"arm-1\"]", "[\"spindle-1\"]"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckConfigCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(file.toString()), err.toString());
        String text = out.toString();
        assertTrue(
                text.contains("  scoring: 2 model(s) -> topic verdicts, model files watched every 2000 ms and on "
                        + "SIGHUP"),
                text);
        assertTrue(
                text.contains("    model 'spindle' (sim_ok_ae.zip + spindle.manifest.json, per-reading window "
                        + "100/100, threshold 0.004, hysteresis 3:2)"),
                text);
        assertTrue(
                text.contains("    sensor arm-1 <- model 'sim_ok_ae.zip': outputs [acc, gyro, mag, pressure, "
                        + "temperature] carry its features [acc_x, acc_y, acc_z, gyro_x, gyro_y, gyro_z]; rate 100 Hz = its "
                        + "100.0 Hz: OK"),
                text);
        assertTrue(text.contains("    sensor arm-2: not scored (no model lists it)"), text);
        assertTrue(
                text.contains("    sensor spindle-1 <- model 'spindle': outputs [acc, gyro] carry its features "
                        + "[acc_x, acc_y, acc_z, gyro_x, gyro_y, gyro_z]; rate 400 Hz = its 400.0 Hz: OK"),
                text);
    }
}
