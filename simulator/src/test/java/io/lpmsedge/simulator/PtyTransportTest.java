package io.lpmsedge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fazecast.jSerialComm.SerialPort;
import io.lpmsedge.protocol.command.HostCommands;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.SerialSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial transport on a real pseudo-terminal pair made by socat: the simulator holds one end, and the test
 * opens the other with jSerialComm exactly as the bridge opens /dev/rfcomm0. Skipped only when socat is not
 * installed (.ci/run installs it).
 */
class PtyTransportTest {
    @TempDir
    Path dir;

    @Test
    void hostReadsAndCommandsTheSensorThroughAPty() throws Exception {
        assumeTrue(socatInstalled(), "socat is not installed (apt-get install -y socat); pty test skipped");
        Path simEnd = dir.resolve("lpms-sim");
        Path hostEnd = dir.resolve("lpms-host");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + simEnd, "pty,raw,echo=0,link=" + hostEnd)
                .redirectErrorStream(true)
                .start();
        SerialPort host = null;
        Fleet fleet = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(simEnd) && Files.exists(hostEnd))) {
                assertTrue(System.nanoTime() < deadline && socat.isAlive(), "socat made no pty pair");
                socat.waitFor(20, TimeUnit.MILLISECONDS);
            }
            host = SerialPort.getCommPort(hostEnd.toString());
            host.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            host.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
            assertTrue(host.openPort(), "host end opens with jSerialComm");

            SerialSensorPort port = new SerialSensorPort(simEnd.toString());
            port.open();
            fleet = Fleet.start(
                    FleetLayout.specs(
                            1,
                            1,
                            77,
                            Scenario.ok(),
                            Sims.device(Sims.DEFAULT_WORD, 0),
                            LinkFaultConfig.NONE,
                            Double.POSITIVE_INFINITY),
                    List.of(port),
                    4,
                    null);

            Decoded d = new Decoded(Sims.DEFAULT_WORD);
            SerialPort h = host;
            byte[] buf = new byte[4096];
            readUntil(h, d, buf, () -> d.readings.size() >= 50);
            assertEquals(0, d.counters().badFrames());
            assertEquals(0, d.counters().bytesSkipped());
            assertEquals(0, d.missingFrames(4));

            write(h, HostCommands.gotoCommandMode(1));
            readUntil(h, d, buf, () -> !d.replies.isEmpty());
            assertInstanceOf(ReplyValue.Ack.class, d.replies.poll());
            write(h, HostCommands.getFirmwareVersion(1));
            readUntil(h, d, buf, () -> !d.replies.isEmpty());
            assertInstanceOf(ReplyValue.Version.class, d.replies.poll());
            assertEquals(0, d.counters().badFrames());
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            if (host != null) {
                host.closePort();
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void write(SerialPort p, byte[] frame) {
        assertEquals(frame.length, p.writeBytes(frame, frame.length));
    }

    private static void readUntil(SerialPort p, Decoded d, byte[] buf, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out reading the pty");
            int n = p.readBytes(buf, buf.length);
            assertTrue(n >= 0, "pty read failed");
            d.decoder.feed(buf, 0, n);
        }
    }

    private static boolean socatInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }
}
