package io.lpmsedge.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lpms-edge decode} run in-process on files; the launcher itself is exercised by dist's LauncherIT. */
class DecodeCommandTest {
    @TempDir
    Path dir;

    record Result(int exit, List<String> out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        String o = out.toString();
        return new Result(exit, o.isEmpty() ? List.of() : List.of(o.split("\n")), err.toString());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void decodesTheSampleCaptureToOneLinePerFrame() throws IOException {
        Path f = write("c.bin", SampleCaptures.spindle());
        Result r = run("decode", f.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(502, r.out.size());
        assertEquals(
                "{\"offset\":0,\"sensorId\":1,\"function\":47,\"length\":12,\"name\":\"GET_FIRMWARE_VERSION\","
                        + "\"value\":\"2.0.5\"}",
                r.out.get(0));
        assertEquals(
                "{\"offset\":23,\"sensorId\":1,\"function\":4,\"length\":4,\"name\":\"GET_CONFIG\","
                        + "\"value\":\"0x00003E04\"}",
                r.out.get(1));
        assertEquals(
                "{\"offset\":38,\"sensorId\":1,\"function\":9,\"length\":48,\"ticks\":120000,\"t\":300.0,"
                        + "\"gyro\":[0.0,-0.004000000189989805,0.0020000000949949026],"
                        + "\"acc\":[0.012000000104308128,-0.03099999949336052,-0.9980000257492065],"
                        + "\"mag\":[18.25,-3.5,44.0],\"pressure\":101.32499694824219,\"temperature\":24.0}",
                r.out.get(2));
        assertEquals(
                "{\"goodFrames\":502,\"goodDataFrames\":500,\"badFrames\":0,\"badReasons\":{\"lrc_mismatch\":0,"
                        + "\"bad_end_bytes\":0,\"length_out_of_range\":0},\"undecodable\":{\"no_config_word\":0,"
                        + "\"length_mismatch\":0},\"trailingIncomplete\":false,\"bytesSkipped\":0,\"bytes\":29538}",
                r.err.strip());
    }

    @Test
    void numbersRoundTripToTheFloatsOnTheWire() throws IOException {
        Result r = run("decode", write("c.bin", SampleCaptures.spindle()).toString());
        // Every printed value parses back to exactly the float32 the frame carried.
        String line = r.out.get(3);
        String accZ = line.replaceAll(".*\"acc\":\\[[^,]+,[^,]+,([^\\]]+)].*", "$1");
        double v = Double.parseDouble(accZ);
        assertEquals(v, (double) (float) v);
    }

    @Test
    void countsBadFramesOfANoisyLink() throws IOException {
        Result r = run("decode", write("n.bin", SampleCaptures.noisyLink()).toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(498, r.out.size());
        assertTrue(
                r.err.contains("\"goodDataFrames\":496,\"badFrames\":3,\"badReasons\":{\"lrc_mismatch\":2,"
                        + "\"bad_end_bytes\":1,\"length_out_of_range\":0}"),
                r.err);
        assertTrue(r.err.contains("\"trailingIncomplete\":true"), r.err);
    }

    @Test
    void sixteenBitLegacyDataWithAnExplicitConfigWord() throws IOException {
        ConfigWord word = ConfigWord.of(400, true, Output.QUAT, Output.HEAVE);
        SampleValues v = SampleValues.builder()
                .set(Output.QUAT, 1, 0, 0, 0)
                .set(Output.HEAVE, 0.25)
                .build();
        Path f = write("q.bin", SensorReplies.data(2, 0xFFFFFFFFL, v, word, FirmwareProfile.LEGACY));
        Result r = run("decode", "--config-word", word.hex(), "--profile", "legacy", f.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(
                "{\"offset\":0,\"sensorId\":2,\"function\":9,\"length\":14,\"ticks\":4294967295,"
                        + "\"t\":1.07374182375E7,\"quat\":[1.0,0.0,0.0,0.0],\"heave\":0.25}",
                r.out.get(0));
        // The same bytes read with the b2-fw2 divisors give a quaternion of norm 0.1: the profile matters.
        Result wrong = run("decode", "--config-word", word.hex(), f.toString());
        assertTrue(wrong.out.get(0).contains("\"quat\":[0.1,0.0,0.0,0.0]"), wrong.out.get(0));
        Result overridden = run("decode", "--config-word", word.hex(), "--divisor", "quat=1000", f.toString());
        assertTrue(overridden.out.get(0).contains("\"quat\":[1.0,0.0,0.0,0.0]"), overridden.out.get(0));
    }

    @Test
    void dataWithoutAConfigWordTellsTheUserToPassOne() throws IOException {
        byte[] spindle = SampleCaptures.spindle();
        byte[] withoutHeader = java.util.Arrays.copyOfRange(spindle, 38, spindle.length);
        Path f = write("h.bin", withoutHeader);
        Result r = run("decode", f.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("--config-word"), r.err);
        assertTrue(r.err.contains(f.toString()), r.err);
        Result fixed = run("decode", "--config-word", "0x3E04", f.toString());
        assertEquals(0, fixed.exit, fixed.err);
        assertEquals(500, fixed.out.size());
    }

    @Test
    void aMissingFileIsOneLineNamingThePath() {
        Result r = run("decode", dir.resolve("nope.bin").toString());
        assertEquals(2, r.exit);
        assertEquals("lpms-edge decode: cannot read '" + dir.resolve("nope.bin") + "': no such file", r.err.strip());
        assertTrue(r.out.isEmpty());
    }

    @Test
    void aDirectoryIsReportedAsUnreadable() {
        Result r = run("decode", dir.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("lpms-edge decode: cannot read '" + dir + "'"), r.err);
    }

    @Test
    void badOptionsNameTheProblem() {
        Result profile = run("decode", "--profile", "fw9", "x.bin");
        assertEquals(2, profile.exit);
        assertTrue(
                profile.err.contains("unknown firmware profile 'fw9'; use one of: b2-fw2, legacy, gen1"), profile.err);
        Result word = run("decode", "--config-word", "zz", "x.bin");
        assertEquals(2, word.exit);
        assertTrue(word.err.contains("config word 'zz' is not a 32-bit hex number"), word.err);
        Result divisor = run("decode", "--divisor", "speed=3", "x.bin");
        assertEquals(2, divisor.exit);
        assertTrue(divisor.err.contains("unknown output 'speed'"), divisor.err);
    }

    /**
     * Bad input leaves the command as a {@link BadInputException}, so the launcher's one handler prints it and picks
     * exit 2 (the command used to print and return 2 itself); through the launcher it is one line, no stack trace.
     */
    @Test
    void badInputIsThrownForTheOneHandlerToPrint() throws IOException {
        byte[] spindle = SampleCaptures.spindle();
        Path headless = write("headless.bin", java.util.Arrays.copyOfRange(spindle, 38, spindle.length));
        Path missing = dir.resolve("nope.bin");
        for (Path input : List.of(missing, dir, headless)) {
            CommandLine cl = new CommandLine(new DecodeCommand());
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.parseArgs(input.toString());
            BadInputException e = assertThrows(BadInputException.class, () -> ((DecodeCommand) cl.getCommand()).call());
            assertTrue(e.getMessage().contains("'" + input + "'"), e.getMessage());

            Result r = run("decode", input.toString());
            assertEquals(2, r.exit, r.err);
            assertEquals("lpms-edge decode: " + e.getMessage(), r.err.strip());
            assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), "no stack trace: " + r.err);
        }
    }
}
