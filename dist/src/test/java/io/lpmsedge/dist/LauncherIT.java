package io.lpmsedge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built {@code ./lpms-edge} launcher as a separate process, as README tells a user to. */
class LauncherIT {
    static final Path ROOT =
            Path.of(System.getProperty("lpmsedge.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    Run run(Path stdin, String... args) throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        Path err = tmp.resolve("err-" + System.nanoTime());
        String[] cmd = new String[args.length + 1];
        cmd[0] = ROOT.resolve("lpms-edge").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lpms-edge did not finish");
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheShippedSampleCapture() throws Exception {
        Run r = run(null, "decode", "samples/spindle-100hz.bin");
        assertEquals(0, r.exit, r.err);
        assertEquals(502, r.lines().size());
        assertTrue(
                r.lines()
                        .get(2)
                        .startsWith("{\"offset\":38,\"sensorId\":1,\"function\":9,\"length\":48,"
                                + "\"ticks\":120000,\"t\":300.0,\"gyro\":["),
                r.lines().get(2));
        assertEquals(
                "{\"goodFrames\":502,\"goodDataFrames\":500,\"badFrames\":0,\"badReasons\":{\"lrc_mismatch\":0,"
                        + "\"bad_end_bytes\":0,\"length_out_of_range\":0},\"undecodable\":{\"no_config_word\":0,"
                        + "\"length_mismatch\":0},\"trailingIncomplete\":false,\"bytesSkipped\":0,\"bytes\":29538}",
                r.err.strip());
    }

    @Test
    void readsStandardInputAndCountsANoisyLink() throws Exception {
        Run r = run(ROOT.resolve("samples/spindle-100hz-noisy-link.bin"), "decode", "-");
        assertEquals(0, r.exit, r.err);
        assertEquals(498, r.lines().size());
        assertTrue(r.err.contains("\"badFrames\":3,"), r.err);
        assertTrue(r.err.contains("\"trailingIncomplete\":true"), r.err);
    }

    @Test
    void aMissingFileExitsTwoWithOneLine() throws Exception {
        Run r = run(null, "decode", "no/such/capture.bin");
        assertEquals(2, r.exit);
        assertEquals("", r.out);
        assertEquals("lpms-edge decode: cannot read 'no/such/capture.bin': no such file\n", r.err);
    }

    @Test
    void aCaptureWithoutConfigWordExitsTwoAndSaysWhatToPass() throws Exception {
        byte[] sample = Files.readAllBytes(ROOT.resolve("samples/spindle-100hz.bin"));
        Path headless = tmp.resolve("headless.bin");
        Files.write(headless, java.util.Arrays.copyOfRange(sample, 38, sample.length));
        Run r = run(null, "decode", headless.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("pass the sensor's config word, e.g. --config-word 0x00003E00"), r.err);
    }

    @Test
    void helpAndVersion() throws Exception {
        Run help = run(null, "--help");
        assertEquals(0, help.exit);
        assertTrue(help.out.contains("decode"), help.out);
        Run version = run(null, "--version");
        assertEquals(0, version.exit);
        assertTrue(version.out.startsWith("lpms-edge 0."), version.out);
        Run none = run(null);
        assertEquals(2, none.exit);
        assertTrue(none.err.contains("name a sub-command"), none.err);
        Run unknown = run(null, "frobnicate");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("frobnicate"), unknown.err);
    }

    @Test
    void theFleetPageIsASubCommandAndRefusesABadListenAddress() throws Exception {
        Run help = run(null, "--help");
        assertTrue(help.out.contains("fleet"), help.out);
        Run bad = run(null, "fleet", "--bootstrap", "127.0.0.1:9", "--listen", "nowhere");
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("--listen 'nowhere' is not HOST:PORT"), bad.err);
    }
}
