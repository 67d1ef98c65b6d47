package io.lpmsedge.simulator.bench;

import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.LpBus;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.StreamListener;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.fleet.SensorRunner;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.motion.ImuModel;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fleet benchmark (no JMH: it measures a real paced run, which JMH cannot). Two parts:
 * <ol>
 *   <li>generation cost: one thread builds all-output 32-bit frames as fast as it can (model step + sample +
 *   encode), CPU time and allocation per frame;</li>
 *   <li>the real thing: N sensors paced at real time on loopback TCP, each drained by a client thread in this
 *   process that decodes every frame; reports the sensor threads' CPU, the whole process's CPU, frames
 *   delivered per sensor against the 400 Hz target, and bad frames (must be 0).</li>
 * </ol>
 * Run it pinned to one core to answer "N × 400 Hz on one core": {@code taskset -c 0 java -cp 'dist/target/lib/*'
 * io.lpmsedge.simulator.bench.FleetBench 20 400 30}. Arguments: sensors, rate Hz, seconds.
 */
public final class FleetBench {
    private FleetBench() {}

    public static void main(String[] args) throws Exception {
        int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        ConfigWord word = ConfigWord.of(
                rate,
                false,
                Output.GYRO,
                Output.ACC,
                Output.MAG,
                Output.ANG_VEL,
                Output.QUAT,
                Output.EULER,
                Output.LIN_ACC,
                Output.PRESSURE,
                Output.ALTITUDE,
                Output.TEMPERATURE,
                Output.HEAVE);
        System.out.printf(
                Locale.ROOT,
                "fleet bench: %d sensors x %d Hz, all outputs 32-bit (%d-byte frames), %d s; "
                        + "%d CPU(s) visible, %s %s%n",
                sensors,
                rate,
                word.payloadLength(FirmwareProfile.B2_FW2) + LpBus.OVERHEAD,
                seconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        generationCost(word);
        pacedFleet(sensors, word, seconds);
    }

    private static void generationCost(ConfigWord word) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ImuModel model = new ImuModel(1, 0, Scenario.parse("ok:60s,bearing:60s@0.5"), null);
        Sample sample = new Sample();
        byte[] frame = new byte[LpBus.MAX_FRAME];
        long sink = 0;
        int warmup = 400 * 120;
        int frames = 400 * 600;
        for (int i = 0; i < warmup; i++) { // let the JIT compile the loop first
            model.step();
            model.fill(sample);
            sink += SensorReplies.writeData(1, model.tick(), sample, word, FirmwareProfile.B2_FW2, frame, 0);
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long alloc0 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < frames; i++) {
            model.step();
            model.fill(sample);
            sink += SensorReplies.writeData(1, model.tick(), sample, word, FirmwareProfile.B2_FW2, frame, 0);
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long alloc = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - alloc0;
        double nsPerFrame = (double) cpu / frames;
        System.out.printf(
                Locale.ROOT,
                "generation: %.2f us CPU per frame (step+fill+encode), %.1f bytes allocated "
                        + "per frame, %.0f frames/s per core -> 8000 frames/s (20x400 Hz) need %.1f%% of a core "
                        + "[checksum %d]%n",
                nsPerFrame / 1000,
                (double) alloc / frames,
                1e9 / nsPerFrame,
                8000 * nsPerFrame / 1e7,
                sink & 0xFF);
    }

    private static void pacedFleet(int sensors, ConfigWord word, int seconds) throws Exception {
        DeviceSettings device =
                new DeviceSettings(word, SensorMode.STREAM, StreamModePolicy.IGNORE, FirmwareProfile.B2_FW2, 0);
        List<TcpSensorPort> ports = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            ports.add(new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "bench-accept-" + i));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicLong decodedFrames = new AtomicLong();
        AtomicLong badFrames = new AtomicLong();
        List<Thread> drains = new ArrayList<>();
        Fleet fleet = Fleet.start(
                FleetLayout.specs(sensors, 1, 1, Scenario.ok(), device, LinkFaultConfig.NONE, Double.POSITIVE_INFINITY),
                ports,
                1,
                null);
        try {
            for (TcpSensorPort p : ports) {
                Thread t = new Thread(() -> drain(p.port(), word, decodedFrames, badFrames), "bench-drain");
                t.setDaemon(true);
                t.start();
                drains.add(t);
            }
            // Measure a steady window: connections made, JIT warm.
            TimeUnit.SECONDS.sleep(3);
            long wall0 = System.nanoTime();
            long process0 = os.getProcessCpuTime();
            long sensor0 = sensorThreadsCpu(threads);
            long generated0 = generated(fleet);
            TimeUnit.SECONDS.sleep(seconds);
            long wall = System.nanoTime() - wall0;
            long processCpu = os.getProcessCpuTime() - process0;
            long sensorCpu = sensorThreadsCpu(threads) - sensor0;
            long generated = generated(fleet) - generated0;
            fleet.close();
            for (Thread t : drains) {
                t.join(5000);
            }
            double expected = (double) sensors * word.rateHz() * wall / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "paced fleet: %d frames generated in a %.2f s window (target %.0f: "
                            + "%.2f%%); whole run: %d frames decoded by the clients, %d bad; sensor threads CPU "
                            + "%.2f s = %.1f%% of one core; whole process (incl. %d decoding clients, JIT, GC) "
                            + "%.1f%% of one core%n",
                    generated,
                    wall / 1e9,
                    expected,
                    100.0 * generated / expected,
                    decodedFrames.get(),
                    badFrames.get(),
                    sensorCpu / 1e9,
                    100.0 * sensorCpu / wall,
                    sensors,
                    100.0 * processCpu / wall);
        } finally {
            fleet.close(); // idempotent: also reached when measuring failed
        }
    }

    private static long sensorThreadsCpu(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sim-sensor-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static long generated(Fleet fleet) {
        long sum = 0;
        for (SensorRunner r : fleet.runners()) {
            RunnerStats s = r.stats();
            sum += s.dataFrames();
        }
        return sum;
    }

    private static void drain(int port, ConfigWord word, AtomicLong frames, AtomicLong bad) {
        long[] count = new long[1];
        LpBusStreamDecoder decoder = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, new StreamListener() {
            @Override
            public void onSample(Sample sample, io.lpmsedge.protocol.frame.FrameView frame) {
                count[0]++;
            }
        });
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                decoder.feed(buf, 0, n);
            }
        } catch (java.io.IOException e) {
            // the sensor closed the connection at the end of its duration
        }
        frames.addAndGet(count[0]);
        bad.addAndGet(decoder.frameCounters().badFrames());
    }
}
