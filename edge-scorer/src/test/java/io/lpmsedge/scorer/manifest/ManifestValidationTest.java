package io.lpmsedge.scorer.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.scorer.TestModels;
import io.lpmsedge.scorer.features.Layout;
import io.lpmsedge.scorer.model.LoadedModel;
import io.lpmsedge.scorer.model.ScoreKind;
import io.lpmsedge.scorer.window.VerdictRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad manifest gives one message naming the manifest's side and the model's. */
class ManifestValidationTest {
    static LoadedModel ae;
    static LoadedModel aew;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        ae = TestModels.load("ae.zip");
        aew = TestModels.load("aew.zip");
    }

    static final String FEATURES =
            "[{\"column\":\"acc_x\",\"field\":\"acc[0]\"},{\"column\":\"acc_y\",\"field\":\"acc[1]\"},"
                    + "{\"column\":\"acc_z\",\"field\":\"acc[2]\"},{\"column\":\"gyro_x\",\"field\":\"gyro[0]\"},"
                    + "{\"column\":\"gyro_y\",\"field\":\"gyro[1]\"},{\"column\":\"gyro_z\",\"field\":\"gyro[2]\"}]";

    static String manifest(String features, String rest) {
        return "{\"formatVersion\":1,\"features\":" + features + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    private ScorerConfig validate(String json, LoadedModel m) throws IOException, ManifestException {
        Path f = Files.writeString(dir.resolve("m.manifest.json"), json);
        return ManifestValidator.validate(new ManifestIO().read(f), m);
    }

    static Stream<Arguments> badManifests() {
        String missingGyroZ = FEATURES.replace(",{\"column\":\"gyro_z\",\"field\":\"gyro[2]\"}", "");
        return Stream.of(
                Arguments.of(
                        "model column without feature",
                        manifest(missingGyroZ, ""),
                        "model columns [gyro_z] have no feature in the manifest (model ae.zip has [acc_x, acc_y, "
                                + "acc_z, gyro_x, gyro_y, gyro_z]; manifest has [acc_x, acc_y, acc_z, gyro_x, gyro_y])"),
                Arguments.of(
                        "feature the model lacks",
                        manifest(FEATURES.replace("gyro_z", "gyro_w"), ""),
                        "model columns [gyro_z] have no feature in the manifest; manifest features [gyro_w] are "
                                + "not columns of the model"),
                Arguments.of(
                        "unknown reading field",
                        manifest(FEATURES.replace("gyro[2]", "gyr[2]"), ""),
                        "feature 'gyro_z': unknown reading field 'gyr[2]'"),
                Arguments.of(
                        "unknown derived feature",
                        manifest(FEATURES.replace("gyro[2]", "hp(gyro[2])"), ""),
                        "feature 'gyro_z': unknown derived feature 'hp(gyro[2])'; known: vib: "),
                Arguments.of(
                        "derived feature of a bad field",
                        manifest(FEATURES.replace("gyro[2]", "vib(gyro)"), ""),
                        "feature 'gyro_z': reading field 'gyro' has 3 components; name one, e.g. gyro[0]"),
                Arguments.of(
                        "since-rest of another output",
                        manifest(FEATURES.replace("gyro[2]", "since-rest(acc)"), ""),
                        "feature 'gyro_z': derived feature 'since-rest(acc)': since-rest "
                                + "judges rest from the gyroscope; write since-rest(gyro)"),
                Arguments.of(
                        "component out of range",
                        manifest(FEATURES.replace("gyro[2]", "gyro[3]"), ""),
                        "feature 'gyro_z': field gyro[3] does not exist: 'gyro' has components 0..2"),
                Arguments.of(
                        "duplicate column",
                        manifest(FEATURES.replace("\"acc_y\"", "\"acc_x\""), ""),
                        "feature column 'acc_x' is listed twice"),
                Arguments.of(
                        "zero scale",
                        manifest(FEATURES.replace("\"field\":\"acc[0]\"", "\"field\":\"acc[0]\",\"scale\":0"), ""),
                        "feature 'acc_x' has scale 0.0"),
                Arguments.of("no features", "{\"formatVersion\":1}", "features is missing or empty"),
                Arguments.of(
                        "future format",
                        manifest(FEATURES, "\"formatVersion\":2").replace("{\"formatVersion\":1,", "{"),
                        "formatVersion 2 is not supported"),
                Arguments.of(
                        "unknown layout",
                        manifest(FEATURES, "\"layout\":\"rows\""),
                        "unknown layout 'rows'; use per-reading or window-vector"),
                Arguments.of(
                        "window size 0",
                        manifest(FEATURES, "\"window\":{\"size\":0}"),
                        "window: window size must be at least 1 reading, got 0"),
                Arguments.of(
                        "stride above size",
                        manifest(FEATURES, "\"window\":{\"size\":10,\"stride\":11}"),
                        "window: window stride must be between 1 and the window size 10, got 11"),
                Arguments.of(
                        "negative rate",
                        manifest(FEATURES, "\"sampleRateHz\":-100"),
                        "sampleRateHz must be a positive number of readings per second, got -100.0"),
                Arguments.of(
                        "kind that does not fit",
                        manifest(FEATURES, "\"score\":{\"kind\":\"regression\"}"),
                        "score.kind 'regression' does not fit model ae.zip, which is a AutoEncoder model; use "
                                + "'reconstruction-mse'"),
                Arguments.of(
                        "unknown kind", manifest(FEATURES, "\"score\":{\"kind\":\"mse\"}"), "unknown score kind 'mse'"),
                Arguments.of(
                        "hysteresis 0",
                        manifest(FEATURES, "\"verdict\":{\"rule\":\"hysteresis\",\"enter\":0}"),
                        "verdict: hysteresis needs enter >= 1 and exit >= 1 windows, got 0:0"),
                Arguments.of(
                        "k above m",
                        manifest(FEATURES, "\"verdict\":{\"rule\":\"k-of-m\",\"k\":4,\"m\":3}"),
                        "verdict: k-of-m needs 1 <= k <= m, got k=4, m=3"),
                Arguments.of(
                        "k-of-m without m",
                        manifest(FEATURES, "\"verdict\":{\"rule\":\"k-of-m\",\"k\":2}"),
                        "verdict: rule k-of-m needs both k and m"),
                Arguments.of(
                        "mixed rule keys",
                        manifest(FEATURES, "\"verdict\":{\"rule\":\"hysteresis\",\"enter\":2,\"m\":3}"),
                        "verdict: k and m belong to rule k-of-m, not hysteresis"),
                Arguments.of(
                        "unknown rule",
                        manifest(FEATURES, "\"verdict\":{\"rule\":\"majority\"}"),
                        "verdict.rule 'majority' is unknown; use hysteresis or k-of-m"),
                Arguments.of(
                        "threshold -1e308 (always FAILURE)",
                        manifest(FEATURES, "\"threshold\":-1e308"),
                        "threshold -1.0E308 is not above 0: a reconstruction error is never negative, so every "
                                + "window would exceed it and be FAILURE; set it from normal data with "
                                + "'lpms-edge calibrate --model MODEL --input NORMAL'"),
                Arguments.of("threshold 0", manifest(FEATURES, "\"threshold\":0"), "threshold 0.0 is not above 0"),
                Arguments.of(
                        "threshold too large for a double",
                        manifest(FEATURES, "\"threshold\":1e309"),
                        "threshold must be a finite number, got Infinity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void badManifestsAreRejectedWithAMessageNamingBothSides(String name, String json, String expected) {
        ManifestException e = assertThrows(ManifestException.class, () -> validate(json, ae));
        assertTrue(e.getMessage().startsWith("manifest for ae.zip: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void unknownKeysAndBrokenJsonAreReadErrorsWithTheLine() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\n\"formatVersion\":1,\n\"treshold\":0.5\n}");
        ManifestException e = assertThrows(ManifestException.class, () -> new ManifestIO().read(typo));
        assertTrue(e.getMessage().contains("unknown key 'treshold'; known keys there are"), e.getMessage());
        Path nested = Files.writeString(
                dir.resolve("nested.json"),
                manifest(FEATURES.replace("\"field\":\"acc[1]\"", "\"fild\":\"acc[1]\""), ""));
        assertTrue(assertThrows(ManifestException.class, () -> new ManifestIO().read(nested))
                .getMessage()
                .contains("unknown key 'features[1].fild'"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"formatVersion\":1,");
        assertTrue(assertThrows(ManifestException.class, () -> new ManifestIO().read(broken))
                .getMessage()
                .contains("is not valid"));
        assertTrue(assertThrows(ManifestException.class, () -> new ManifestIO().read(dir.resolve("none.json")))
                .getMessage()
                .endsWith("does not exist"));
    }

    @Test
    void windowVectorWidthMustBeSizeTimesFields() {
        String json = manifest(FEATURES, "\"layout\":\"window-vector\",\"window\":{\"size\":8}");
        ManifestException e = assertThrows(ManifestException.class, () -> validate(json, aew));
        assertTrue(
                e.getMessage()
                        .contains("window-vector layout needs window.size 8 x 6 features = 48 model inputs, "
                                + "but model aew.zip has 60 (acc_x_0 ... gyro_z_9)"),
                e.getMessage());
        String noSize = manifest(FEATURES, "\"layout\":\"window-vector\"");
        assertTrue(assertThrows(ManifestException.class, () -> validate(noSize, aew))
                .getMessage()
                .contains("window.size is required for the window-vector layout"));
    }

    @Test
    void defaultsFillWhatAManifestLeavesOut() throws Exception {
        // Features in a different order than the model's: they are matched by name and put in model order.
        String reversed =
                "[{\"column\":\"gyro_z\",\"field\":\"gyro[2]\"},{\"column\":\"gyro_y\",\"field\":\"gyro[1]\"},"
                        + "{\"column\":\"gyro_x\",\"field\":\"gyro[0]\"},{\"column\":\"acc_z\",\"field\":\"acc[2]\"},"
                        + "{\"column\":\"acc_y\",\"field\":\"acc[1]\"},{\"column\":\"acc_x\",\"field\":\"acc[0]\"}]";
        ScorerConfig c = validate(manifest(reversed, ""), ae);
        assertEquals(List.of("acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"), c.columnNames());
        assertEquals(Layout.PER_READING, c.layout());
        assertEquals(200, c.window().size());
        assertEquals(200, c.window().stride());
        assertEquals(ScoreKind.RECONSTRUCTION_MSE, c.kind());
        assertEquals(new VerdictRule.Hysteresis(1, 1), c.rule());
        assertTrue(Double.isNaN(c.threshold()));
        assertEquals(0, c.sampleRateHz());
        ScorerConfig h = validate(manifest(FEATURES, "\"verdict\":{\"enter\":3}"), ae);
        assertEquals(new VerdictRule.Hysteresis(3, 3), h.rule());
    }

    @Test
    void theInferredManifestMapsTrainerStyleColumnsToReadingFields() throws Exception {
        ScorerConfig c = ManifestValidator.validate(ManifestDefaults.forModel(ae), ae);
        assertTrue(c.mapsReadings());
        assertEquals("gyro[2]", c.features().get(5).field().toString());
        assertEquals("quat[0]", ManifestDefaults.guessField("quat_w"));
        assertEquals("pressure", ManifestDefaults.guessField("pressure"));
        assertEquals(null, ManifestDefaults.guessField("accel_x"));
    }
}
