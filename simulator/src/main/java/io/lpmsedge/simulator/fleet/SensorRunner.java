package io.lpmsedge.simulator.fleet;

import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.FrameListener;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.frame.LpBus;
import io.lpmsedge.simulator.device.DeviceCounters;
import io.lpmsedge.simulator.device.DeviceHost;
import io.lpmsedge.simulator.device.DeviceIdentity;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.VirtualLpmsB2;
import io.lpmsedge.simulator.link.ByteLink;
import io.lpmsedge.simulator.link.LinkFaultInjector;
import io.lpmsedge.simulator.link.SensorPort;
import io.lpmsedge.simulator.motion.ImuModel;
import io.lpmsedge.simulator.motion.OperatingConditions;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one simulated sensor on its own thread: steps the model at the 400 Hz tick against the pacer, serves
 * sessions from its port (a fresh {@link VirtualLpmsB2} each), answers commands, and streams data frames
 * through the link-fault injector.
 *
 * <p>Time: with real pacing the machine keeps running while no host is connected (the model catches up to the
 * clock), as a real arm does; with {@code --speed max} sensor time only advances while a host is connected,
 * so a test can connect at leisure. The generation path allocates nothing: one {@link Sample} and one frame
 * buffer are reused.
 */
public final class SensorRunner implements Runnable, DeviceHost {
    private static final long TICK_RANGE = 1L << 32;
    /** Longest wait between input polls while streaming slowly or idling, ns. */
    private static final long POLL_NANOS = 5_000_000L;
    /** Ticks per input poll at max speed (polling every tick would make syscalls the bottleneck). */
    private static final int MAX_SPEED_SLICE = 32;

    private final SensorSpec spec;
    private final SensorPort port;
    private final Pacer pacer;
    private final TruthLog truth;
    private final DeviceIdentity identity;
    private final ImuModel model;
    private final LinkFaultInjector faults;
    private final DeviceCounters deviceCounters = new DeviceCounters();
    private final Sample sample = new Sample();
    private final byte[] frame = new byte[LpBus.MAX_FRAME];
    private final byte[] input = new byte[4096];
    private final FrameListener onCommand = this::onCommand;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long endTick;

    private ByteLink link;
    private VirtualLpmsB2 device;
    private FrameDecoder commands;
    private long sessionStartTick;
    private boolean stalledNow;
    private boolean linkBroken;

    private volatile boolean stopRequested;
    private volatile Throwable error;
    private volatile long dataFrames;
    private volatile long polledFrames;
    private volatile long bytes;
    private volatile long sessions;

    public SensorRunner(SensorSpec spec, SensorPort port, Pacer pacer, TruthLog truth) {
        this.spec = spec;
        this.port = port;
        this.pacer = pacer;
        this.truth = truth;
        this.identity = DeviceIdentity.simulated(
                spec.imuId(), spec.seed(), spec.device().profile());
        // The link faults get a stream of their own, so turning them on never changes the motion.
        this.faults = new LinkFaultInjector(spec.linkFaults(), new SplittableRandom(spec.seed() ^ 0x5DEECE66DL));
        this.endTick = Double.isInfinite(spec.durationSeconds())
                ? Long.MAX_VALUE
                : Math.round(spec.durationSeconds() / ImuModel.TICK_SECONDS);
        this.model = new ImuModel(
                spec.seed(),
                spec.cycleOffset(),
                spec.scenario(),
                (tick, t, phase) -> {
                    if (this.truth != null) {
                        this.truth.record(spec.imuId(), timestampAt(tick), t, phase);
                    }
                },
                spec.varied() ? new OperatingConditions(spec.seed()) : null);
    }

    public SensorSpec spec() {
        return spec;
    }

    public SensorPort port() {
        return port;
    }

    public void stop() {
        stopRequested = true;
    }

    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Why the runner stopped early, if it did. */
    public Throwable error() {
        return error;
    }

    public RunnerStats stats() {
        return new RunnerStats(
                spec.imuId(),
                dataFrames,
                polledFrames,
                bytes,
                sessions,
                deviceCounters.commands(),
                deviceCounters.nacks(),
                deviceCounters.ignored(),
                model.time(),
                faults.stats());
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            error = t;
        } finally {
            endSession();
            finished.countDown();
        }
    }

    private void loop() throws IOException, InterruptedException {
        while (!stopRequested && model.tick() < endTick) {
            if (link == null) {
                if (!port.reconnectable() && sessions > 0) {
                    return; // a file or tty has exactly one session
                }
                acquire();
            } else if (pacer.max()) {
                runFlatOut();
            } else {
                runPaced();
            }
        }
    }

    private void acquire() throws IOException, InterruptedException {
        ByteLink next;
        if (pacer.max()) {
            next = port.next(50);
        } else if (port.attachedFromStart()) {
            // A capture file is there from tick 0: catching up first would step the model past the ticks that
            // went by while this thread started and drop their frames from the file. runPaced() generates them.
            next = port.next(0);
        } else {
            catchUp(pacer.dueTick(System.nanoTime()));
            next = port.next(5);
        }
        if (next == null) {
            return;
        }
        link = next;
        linkBroken = false;
        sessions++;
        device = new VirtualLpmsB2(spec.device(), identity, this, deviceCounters);
        commands = new FrameDecoder();
        sessionStartTick = model.tick();
        faults.newSession();
        if (!link.bidirectional()) {
            // A capture starts with the config word so that decoders need no --config-word.
            write(device.configReply(), device.configReply().length);
        }
    }

    /** Steps the model to {@code tick} with nobody listening. */
    private void catchUp(long tick) {
        long target = Math.min(tick, endTick);
        while (model.tick() < target) {
            model.step();
        }
    }

    private void runFlatOut() throws IOException {
        for (int i = 0; i < MAX_SPEED_SLICE && model.tick() < endTick && link != null; i++) {
            if (device.mode() != SensorMode.STREAM) {
                break;
            }
            advanceOneTick();
        }
        if (link == null) {
            return;
        }
        flush();
        serviceInput();
        if (link != null && device.mode() != SensorMode.STREAM) {
            // Nothing to generate: sensor time stands still until the host says something.
            int n = link.readWithin(input, 0, input.length, 50);
            handleInput(n);
        }
    }

    private void runPaced() throws IOException {
        long now = System.nanoTime();
        long due = Math.min(pacer.dueTick(now), endTick);
        while (model.tick() < due && link != null) {
            advanceOneTick();
        }
        if (link == null) {
            return;
        }
        flush();
        serviceInput();
        if (link == null || model.tick() >= endTick) {
            return;
        }
        if (device.mode() == SensorMode.STREAM) {
            long k = device.ticksPerFrame();
            long nextFrame = (model.tick() / k + 1) * k;
            long wake = Math.min(pacer.deadline(nextFrame), now + POLL_NANOS);
            long wait = wake - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        } else {
            int n = link.readWithin(input, 0, input.length, (int) (POLL_NANOS / 1_000_000));
            handleInput(n);
        }
    }

    private void advanceOneTick() {
        model.step();
        long t = model.tick();
        double sessionSeconds = (t - sessionStartTick) * ImuModel.TICK_SECONDS;
        if (faults.dropNow(sessionSeconds)) {
            endSession();
            return;
        }
        stalledNow = faults.stalled(sessionSeconds);
        if (device.mode() == SensorMode.STREAM && t % device.ticksPerFrame() == 0) {
            model.fill(sample);
            int len = SensorReplies.writeData(
                    device.imuId(), device.timestamp(t), sample, device.config(), device.profile(), frame, 0);
            dataFrames++;
            try {
                bytes += faults.sendDataFrame(frame, len, link, stalledNow);
            } catch (IOException e) {
                endSession(); // the host went away
            }
        }
    }

    private void serviceInput() {
        try {
            int n;
            while (link != null && (n = link.readAvailable(input, 0, input.length)) > 0) {
                handleInput(n);
            }
        } catch (IOException e) {
            endSession();
        }
    }

    private void handleInput(int n) {
        if (n < 0) {
            endSession();
            return;
        }
        if (n > 0) {
            commands.feed(input, 0, n, onCommand);
        }
        if (linkBroken) {
            endSession();
        }
    }

    private void onCommand(FrameView f) {
        if (device != null) {
            device.handle(f.function(), f.buffer(), f.payloadOffset(), f.payloadLength(), model.tick());
        }
    }

    private void flush() {
        if (link == null) {
            return;
        }
        try {
            link.flush();
        } catch (IOException e) {
            endSession();
        }
    }

    private void write(byte[] b, int len) {
        try {
            link.write(b, 0, len);
            bytes += len;
        } catch (IOException e) {
            linkBroken = true;
        }
    }

    private void endSession() {
        if (link == null) {
            return;
        }
        ByteLink closing = link;
        link = null;
        device = null;
        // Free the port before closing, so a host that reconnects the moment it sees the close is served,
        // not refused as a second host.
        port.sessionEnded();
        try {
            closing.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private long timestampAt(long modelTick) {
        VirtualLpmsB2 d = device;
        return d != null ? d.timestamp(modelTick) : Math.floorMod(spec.device().startTick() + modelTick, TICK_RANGE);
    }

    // DeviceHost: called from device.handle on this thread.

    @Override
    public void sendReply(byte[] replyFrame) {
        if (link == null) {
            return;
        }
        try {
            if (faults.sendReply(replyFrame, link, stalledNow)) {
                bytes += replyFrame.length;
            }
            link.flush();
        } catch (IOException e) {
            linkBroken = true;
        }
    }

    @Override
    public void sendPolledSample(long timestampTick) {
        model.fill(sample);
        int len = SensorReplies.writeData(
                device.imuId(), timestampTick, sample, device.config(), device.profile(), frame, 0);
        polledFrames++;
        write(frame, len);
        try {
            link.flush();
        } catch (IOException e) {
            linkBroken = true;
        }
    }

    @Override
    public double temperature() {
        return model.temperature();
    }

    @Override
    public double uptimeSeconds() {
        return model.time();
    }
}
