package io.lpmsedge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ManifestIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lpms-edge train} in-process (Surefire opens java.lang, so H2O runs in this JVM). */
class TrainCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void trainsFromACaptureAndWritesMojoPojoAndACalibratedManifest() throws Exception {
        double[][] rows = NormalMotion.rows(1500, 3);
        ConfigWord word = ConfigWord.of(100, false, Output.ACC, Output.GYRO);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(SensorReplies.config(1, word));
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            b.writeBytes(SensorReplies.data(
                    1,
                    4L * i,
                    SampleValues.builder()
                            .set(Output.ACC, r[0], r[1], r[2])
                            .set(Output.GYRO, r[3], r[4], r[5])
                            .build(),
                    word,
                    FirmwareProfile.DEFAULT));
        }
        Path capture = Files.write(dir.resolve("normal.bin"), b.toByteArray());
        Path out = dir.resolve("model");
        Run r = run(
                "train",
                "--input",
                capture.toString(),
                "--out",
                out.toString(),
                "--name",
                "spindle_ae",
                "--hidden",
                "6,3,6",
                "--epochs",
                "3",
                "--window",
                "50",
                "--hysteresis",
                "2:3");
        assertEquals(0, r.exit, r.err);
        assertTrue(
                r.out.startsWith("trained spindle_ae on 1125 rows x 6 columns (the first 75 % of each stream)"), r.out);
        assertTrue(Files.size(out.resolve("spindle_ae.zip")) > 0);
        assertTrue(Files.readString(out.resolve("spindle_ae.java")).contains("public class spindle_ae"));
        ManifestFile m = new ManifestIO().read(out.resolve("spindle_ae.manifest.json"));
        assertEquals("acc[0]", m.features().get(0).field());
        assertEquals("gyro_z", m.features().get(5).column());
        assertEquals(100.0, m.sampleRateHz(), "rate measured from the capture's ticks");
        assertEquals(new ManifestFile.VerdictSpec("hysteresis", 2, 3, null, null), m.verdict());
        assertEquals(1125L, m.calibration().rows(), "row statistics of the part the model was trained on");
        assertEquals(30L, m.calibration().windows(), "all 1500 readings in windows of 50, held-out part included");
        assertEquals(0.25, m.calibration().holdout());
        assertTrue(m.threshold() > m.calibration().rowMean());
    }

    @Test
    void aModelNameThatIsNotAJavaIdentifierIsABadOption() {
        Run r = run("train", "--input", "x.csv", "--out", dir.toString(), "--name", "my-model");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("model name 'my-model' must be a Java identifier"), r.err);
    }

    @Test
    void tooFewRowsIsABadInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("tiny.csv"), "a,b\n1,2\n3,4\n");
        Run r = run("train", "--input", csv.toString(), "--out", dir.toString());
        assertEquals(2, r.exit);
        assertTrue(
                r.err.startsWith("lpms-edge train: '" + csv
                        + "' has 1 rows before the held-out part; training needs normal data"),
                r.err);
    }
}
