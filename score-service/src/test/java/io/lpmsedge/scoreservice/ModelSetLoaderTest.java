package io.lpmsedge.scoreservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.BadInputHandler;
import io.lpmsedge.scorer.modelset.ModelSetException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Model-set files as an operator writes them: read, routed, checked pair by pair, reloaded only where changed. */
class ModelSetLoaderTest {
    @TempDir
    Path dir;

    private ModelSet load(String toml) throws ModelSetException {
        return new ModelSetLoader(new ModelSource.SetFile(new ModelFiles(dir).write("models.toml", toml))).load();
    }

    private List<String> problems(String toml) {
        return assertThrows(ModelSetException.class, () -> load(toml)).problems();
    }

    @Test
    void twoMachinesTwoModelsRoutedByNameAndPattern() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm_ae", 0.0102);
        f.model("spindle", 0.5);
        f.manifest("spindle-strict.json", 0.001);
        ModelSet set = load("""
                [[model]]
                name = "spindle-3"
                path = "spindle.zip"
                manifest = "spindle-strict.json"
                sensors = ["spindle-3"]

                [[model]]
                path = "spindle.zip"
                sensors = ["spindle-*"]

                [[model]]
                name = "arm"
                path = "arm_ae.zip"
                sensors = ["arm-*", "gripper-?"]
                """);
        assertEquals("spindle-3", set.modelFor("spindle-3").name());
        assertEquals(0.001, set.modelFor("spindle-3").config().threshold());
        assertEquals("spindle.zip", set.modelFor("spindle-1").name(), "name defaults to the model's file name");
        assertEquals(0.5, set.modelFor("spindle-1").config().threshold(), "manifest defaults to beside the model");
        assertEquals(
                dir.resolve("spindle.manifest.json"), set.modelFor("spindle-1").manifest());
        assertEquals("arm", set.modelFor("gripper-2").name());
        assertNull(set.modelFor("conveyor-1"));
        assertEquals("models.toml", set.source());
    }

    @Test
    void mistakesInTheFileAreNamedWithFileLineAndFix() {
        new ModelFiles(dir).model("arm", 0.01);
        List<String> p = problems("""
                [[model]]
                path = "arm.zip"
                sensor = ["arm-*"]

                [[model]]
                name = "b"
                sensors = ["arm-[12]", 7]
                """);
        String f = dir.resolve("models.toml").toString();
        assertEquals(
                List.of(
                        f + ":3: unknown key 'sensor' in [[model]]; known keys are name, path, manifest, sensors",
                        f + ":1: [[model]] has no sensors; add e.g. sensors = [\"arm-*\", \"spindle-3\"]",
                        f + ":5: [[model]] has no path; add path = \"FILE.zip\" (relative to the model set)",
                        f
                                + ":7: sensor pattern 'arm-[12]' is not a sensor name or glob; use letters, digits, '.', '_', '-' "
                                + "and the wildcards '*' (any characters) and '?' (one character), e.g. \"arm-*\" or "
                                + "\"spindle-3\"",
                        f + ":7: sensors[1] is 7, not a string; write e.g. \"arm-*\""),
                p);
        assertTrue(problems("models = 3\n")
                .get(0)
                .endsWith(":1: unknown key 'models'; a model set has only " + "[[model]] tables"));
        assertTrue(problems("[[model]\n").get(0).startsWith(f + ":1: "), "TOML syntax errors with their line");
        assertTrue(problems("").get(0).contains("the model set has no model"));
        assertTrue(problems("""
                [[model]]
                path = "arm.zip"
                sensors = ["*"]
                [[model]]
                name = "late"
                path = "arm.zip"
                sensors = ["arm-1"]
                """)
                .get(0)
                .contains("sensor pattern 'arm-1' of model 'late' can never match: '*' of model 'arm.zip'"));
        ModelSetException missing = assertThrows(
                ModelSetException.class,
                () -> new ModelSetLoader(new ModelSource.SetFile(dir.resolve("nope.toml"))).load());
        assertTrue(missing.getMessage().contains("nope.toml' does not exist"), missing.getMessage());
    }

    @Test
    void everyModelManifestPairIsCheckedAndEveryBadOneNamed() {
        ModelFiles f = new ModelFiles(dir);
        f.model("good", 0.01);
        f.model("nothreshold", 0.01);
        f.write("nothreshold.manifest.json", "{\"features\":[{\"column\":\"acc_x\",\"field\":\"acc[0]\"}]}");
        f.model("nomanifest", 0.01);
        f.write("other.manifest.json", "{\"formatVersion\":1}");
        List<String> p = problems("""
                [[model]]
                path = "good.zip"
                sensors = ["a"]
                [[model]]
                path = "missing.zip"
                sensors = ["b"]
                [[model]]
                path = "nothreshold.zip"
                sensors = ["c"]
                [[model]]
                path = "good.zip"
                name = "wrong-manifest"
                manifest = "absent.json"
                sensors = ["d"]
                """);
        String file = dir.resolve("models.toml").toString();
        assertEquals(3, p.size(), p.toString());
        assertTrue(
                p.get(0).startsWith(file + ":4: model 'missing.zip': ")
                        && p.get(0).contains("missing.zip"),
                p.get(0));
        assertTrue(
                p.get(1)
                        .startsWith(file + ":7: model 'nothreshold.zip': manifest for nothreshold.zip: model "
                                + "columns [acc_y, acc_z, gyro_x, gyro_y, gyro_z] have no feature in the manifest"),
                p.get(1));
        assertTrue(
                p.get(2)
                        .startsWith(file + ":10: model 'wrong-manifest': manifest '" + dir.resolve("absent.json")
                                + "' does not exist; create it with 'lpms-edge calibrate"),
                p.get(2));
    }

    @Test
    void aReloadLoadsOnlyWhatChangedAndHandsBackTheSameModelsOtherwise() throws Exception {
        ModelFiles f = new ModelFiles(dir);
        f.model("arm", 0.01);
        f.model("spindle", 0.02);
        ModelSetLoader loader = new ModelSetLoader(new ModelSource.SetFile(f.write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = ["arm-*"]
                [[model]]
                path = "spindle.zip"
                sensors = ["spindle-*"]
                """)));
        ModelSet first = loader.load();
        ModelSet same = loader.load();
        assertSame(first.models().get(0), same.models().get(0));
        assertSame(first.models().get(1), same.models().get(1));
        f.manifest("spindle.manifest.json", 0.5);
        ModelSet changed = loader.load();
        assertSame(first.models().get(0), changed.models().get(0), "arm untouched");
        assertNotSame(first.models().get(1), changed.models().get(1));
        assertEquals(0.5, changed.modelFor("spindle-1").config().threshold());
        assertEquals(5, loader.watchedStamps().size(), "the set file, two models, two manifests");
    }

    @Test
    void theCommandRefusesABadSetBeforeTouchingKafkaWithExit2AndOneLinePerProblem() {
        new ModelFiles(dir).model("arm", 0.01);
        new ModelFiles(dir).write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = []
                [[model]]
                path = "gone.zip"
                sensors = ["x"]
                """);
        StringWriter err = new StringWriter();
        int exit = command()
                .setErr(new PrintWriter(err))
                .execute(
                        "--bootstrap",
                        "127.0.0.1:1",
                        "--models",
                        dir.resolve("models.toml").toString());
        assertEquals(2, exit, err.toString());
        String[] lines = err.toString().strip().split("\n");
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].contains("model 'arm.zip' scores no sensor"), lines[0]);
        assertTrue(lines[1].contains("model 'gone.zip': "), lines[1]);
        for (String[] args : List.of(
                new String[] {"--bootstrap", "x:1"},
                new String[] {"--bootstrap", "x:1", "--model", "a.zip", "--models", "m.toml"},
                new String[] {"--bootstrap", "x:1", "--models", "m.toml", "--manifest", "a.json"},
                new String[] {"--bootstrap", "x:1", "--model", "a.zip", "--watch", "soon"})) {
            StringWriter e = new StringWriter();
            assertEquals(2, command().setErr(new PrintWriter(e)).execute(args), e.toString());
            assertTrue(e.toString().contains("--model") || e.toString().contains("--watch"), e.toString());
        }
    }

    @Test
    void checkModelsNeedsNoKafkaAndSaysWhichModelScoresWhichSensors() {
        new ModelFiles(dir).model("arm", 0.01);
        new ModelFiles(dir).write("models.toml", """
                [[model]]
                path = "arm.zip"
                sensors = ["arm-*", "gripper-1"]
                """);
        StringWriter err = new StringWriter();
        int exit = command()
                .setErr(new PrintWriter(err))
                .execute(
                        "--check-models", "--models", dir.resolve("models.toml").toString());
        assertEquals(0, exit, err.toString());
        assertTrue(
                err.toString()
                        .contains("  'arm.zip' (arm.zip + arm.manifest.json, threshold 0.01, window 100/100, "
                                + "hysteresis 2:2) for [arm-*, gripper-1]"),
                err.toString());
        new ModelFiles(dir).write("arm.manifest.json", "{");
        StringWriter bad = new StringWriter();
        assertEquals(
                2,
                command()
                        .setErr(new PrintWriter(bad))
                        .execute(
                                "--check-models",
                                "--models",
                                dir.resolve("models.toml").toString()));
        assertTrue(bad.toString().contains("model 'arm.zip': manifest '"), bad.toString());
        StringWriter noKafka = new StringWriter();
        assertEquals(
                2,
                command()
                        .setErr(new PrintWriter(noKafka))
                        .execute("--models", dir.resolve("models.toml").toString()));
        assertTrue(noKafka.toString().contains("--bootstrap HOST:PORT is required"), noKafka.toString());
    }

    /** The command as the launcher runs it: bad input goes through the one handler of every command. */
    private static CommandLine command() {
        return BadInputHandler.install(new CommandLine(new ScoreServiceCommand()));
    }
}
