package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.Pacer;
import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.fleet.SensorRunner;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.FileSensorPort;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import io.lpmsedge.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures decoded by the project's decoder without being told the config word. */
class FileCaptureTest {
    @TempDir
    Path dir;

    @Test
    void cleanCaptureDecodesWithoutBadFramesAndWrapsTheTickCounter() throws Exception {
        Path file = dir.resolve("clean.bin");
        long startTick = (1L << 32) - 400 * 10; // wraps 10 s in
        Fleet fleet =
                Sims.toFile(file, 3, Sims.device(Sims.ALL_400, startTick), LinkFaultConfig.NONE, 30, Scenario.ok());
        Decoded d = Decoded.of(Files.readAllBytes(file));
        DecoderCounters.Snapshot c = d.counters();
        assertEquals(0, c.badFrames());
        assertEquals(0, c.bytesSkipped());
        assertEquals(0, d.undecodable, "the capture starts with its GET_CONFIG reply");
        assertEquals(400 * 30, d.readings.size());
        assertEquals(fleet.runners().get(0).stats().dataFrames(), d.readings.size());
        assertEquals(0, d.missingFrames(1));
        List<Reading> r = d.readings;
        boolean wrapped = false;
        for (int i = 1; i < r.size(); i++) {
            wrapped |= r.get(i).tick() < r.get(i - 1).tick();
            assertEquals(
                    0.0025, r.get(i).sensorTime() - r.get(i - 1).sensorTime(), 1e-6, "time runs on across the wrap");
        }
        assertTrue(wrapped, "the 32-bit counter wrapped");
    }

    @Test
    void everyInjectedFaultIsExactlyWhatTheDecoderSees() throws Exception {
        Path file = dir.resolve("faulty.bin");
        LinkFaultConfig faults = new LinkFaultConfig(0, 15, 1, 0.01, 0.02, 0.003, 4);
        // 59 s: stalls start at 15, 30 and 45 s (one at 60 s would be cut to a single frame).
        Fleet fleet = Sims.toFile(file, 8, Sims.device(Sims.ALL_400, 0), faults, 59, Scenario.ok());
        RunnerStats stats = fleet.runners().get(0).stats();
        LinkFaultStats link = stats.link();
        assertTrue(
                link.framesCorrupted() > 50 && link.falseStarts() > 50 && link.lossBursts() > 20 && link.stalls() == 3,
                link.toString());
        assertEquals(3 * 400, link.framesStalled(), "three 1 s stalls at 400 Hz");

        Decoded d = Decoded.of(Files.readAllBytes(file));
        DecoderCounters.Snapshot c = d.counters();
        assertEquals(link.expectedBadFrames(), c.badFrames());
        assertEquals(link.framesCorrupted(), c.lrcMismatch());
        assertEquals(link.falseStarts(), c.lengthOutOfRange());
        assertEquals(link.expectedSkippedBytes(), c.bytesSkipped());
        assertEquals(link.framesSent(), d.readings.size());
        // One session from tick 1: every generated frame is accounted for, and gaps are exactly the missing ones.
        assertEquals(
                stats.dataFrames(),
                link.framesSent() + link.framesCorrupted() + link.framesLost() + link.framesStalled());
        long leading = d.readings.get(0).tick() - 1;
        long trailing = 400 * 59 - d.readings.get(d.readings.size() - 1).tick();
        assertEquals(
                link.framesLost() + link.framesStalled() + link.framesCorrupted(),
                d.missingFrames(1) + leading + trailing);
    }

    /**
     * At real-time speed the sensor's clock runs from the fleet's start. A runner whose thread gets going late (a
     * loaded machine: here 300 ms, 120 frames at 400 Hz) must still put every frame from the first tick into the
     * file, not step the model past them before it opens the capture.
     */
    @Test
    void aRealTimeCaptureHoldsEveryFrameFromTheFirstTickEvenWhenItsThreadStartsLate() throws Exception {
        Path file = dir.resolve("paced.bin");
        SensorSpec spec = FleetLayout.specs(
                        1, 1, 4, Scenario.ok(), Sims.device(Sims.ALL_400, 0), LinkFaultConfig.NONE, 1.0)
                .get(0);
        Pacer startedLate = new Pacer(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300), 1.0);
        SensorRunner runner = new SensorRunner(spec, new FileSensorPort(file), startedLate, null);
        Thread thread = new Thread(runner, "paced-capture");
        thread.start();
        assertTrue(runner.awaitFinished(60, TimeUnit.SECONDS), "1 s of sensor time did not end");
        assertEquals(null, runner.error());

        Decoded d = Decoded.of(Files.readAllBytes(file));
        assertEquals(400, runner.stats().dataFrames(), "1 s at 400 Hz generated");
        assertEquals(400, d.readings.size(), "and all of it is in the file");
        assertEquals(1, d.readings.get(0).tick(), "from the first tick");
        assertEquals(0, d.missingFrames(1));
    }

    @Test
    void firstGenerationProfileStreamsFloatSecondsAndItsOwnDivisors() throws Exception {
        Path file = dir.resolve("gen1.bin");
        DeviceSettings gen1 = new DeviceSettings(
                Sims.ALL_400.withSixteenBit(true), SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.GEN1, 0);
        Sims.toFile(file, 2, gen1, LinkFaultConfig.NONE, 5, Scenario.ok());
        Decoded d = new Decoded(FirmwareProfile.GEN1, null);
        byte[] bytes = Files.readAllBytes(file);
        d.decoder.feed(bytes, 0, bytes.length);
        assertEquals(2000, d.readings.size());
        assertEquals(0, d.missingFrames(1), "float-seconds timestamps convert back to whole ticks");
        for (Reading r : d.readings) {
            double pressure = r.get(Output.PRESSURE, 0);
            assertTrue(pressure > 99 && pressure < 102, "16-bit pressure ÷10 on gen1: " + pressure);
            double norm = 0;
            for (int i = 0; i < 4; i++) {
                norm += r.get(Output.QUAT, i) * r.get(Output.QUAT, i);
            }
            assertEquals(1.0, Math.sqrt(norm), 3e-3, "16-bit quaternion ÷1000 on gen1");
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        LinkFaultConfig faults = new LinkFaultConfig(0, 0, 0, 0.01, 0.01, 0.01, 2);
        Scenario scenario = Scenario.parse("ok:5s,backlash:5s@0.4");
        byte[] a = run("a.bin", 5, faults, scenario);
        byte[] b = run("b.bin", 5, faults, scenario);
        byte[] c = run("c.bin", 6, faults, scenario);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private byte[] run(String name, long seed, LinkFaultConfig faults, Scenario scenario) throws Exception {
        Path file = dir.resolve(name);
        Sims.toFile(file, seed, Sims.device(Sims.ALL_400, 0), faults, 10, scenario);
        return Files.readAllBytes(file);
    }
}
