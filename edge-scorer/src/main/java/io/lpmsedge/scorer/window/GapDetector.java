package io.lpmsedge.scorer.window;

import io.lpmsedge.protocol.data.Lineage;

/**
 * Decides whether a reading continues its predecessor. Lineage (stamped by the bridge) is the strongest signal:
 * a new boot or link epoch is a reconnect, a skipped {@code seq} is lost data. A file's own sample counter (an
 * LpmsControl export's {@code FrameNumber}) comes next: a skipped frame is lost data, and while the frames are
 * contiguous the timestamps are only checked loosely, because LpmsControl stamps frames when the PC receives
 * them and Bluetooth delivers in bursts (a real 50 Hz export had 79 steps far from 20 ms while no frame was
 * missing; taking each for a gap cut 6,414 windows to 4,507).
 *
 * <p>Without a counter, sensor time alone decides: a step larger than 1.5× the expected {@code 1/rate}, or none
 * at all, is a gap. The 1.5 factor accepts one tick of timestamp jitter at any LPMS rate while flagging a single
 * lost sample; sensor-stamped times (captures, bridge data) have no more jitter than that.
 */
public final class GapDetector {
    /** No sample counter in the input. */
    public static final long NO_FRAME = -1;
    /**
     * With contiguous frames, how far a timestamp may stray from one step after its predecessor before the
     * stream is still called broken (a clock reset, a paused export): wider than any delivery burst, far
     * shorter than a window.
     */
    public static final double JITTER_TOLERANCE_SECONDS = 0.25;

    private final double stepSeconds;
    private final double maxStepSeconds;
    private boolean started;
    private double lastTime;
    private boolean lastHadLineage;
    private String lastBoot;
    private long lastSeq;
    private long lastEpoch;
    private long lastFrame = NO_FRAME;
    private long bridged;

    /** @param sampleRateHz expected rate; 0 disables the time check (e.g. CSV rows without time) */
    public GapDetector(double sampleRateHz) {
        this.stepSeconds = sampleRateHz > 0 ? 1 / sampleRateHz : 0;
        this.maxStepSeconds = 1.5 * stepSeconds;
    }

    public Continuity next(double sensorTime, Lineage lineage) {
        return next(sensorTime, lineage, NO_FRAME);
    }

    /** @param frame the input's own sample counter for this sensor, {@link #NO_FRAME} when it has none */
    public Continuity next(double sensorTime, Lineage lineage, long frame) {
        Continuity c = classify(sensorTime, lineage, frame);
        started = true;
        lastTime = sensorTime;
        lastHadLineage = lineage != null;
        lastFrame = frame;
        if (lineage != null) {
            lastBoot = lineage.bootId();
            lastSeq = lineage.seq();
            lastEpoch = lineage.linkEpoch();
        }
        return c;
    }

    public void reset() {
        started = false;
    }

    /**
     * Time steps outside the strict 1.5-step bound that a contiguous frame counter vouched for (counted, not
     * taken for gaps): how jittery the input's timestamps are.
     */
    public long timeJumpsBridged() {
        return bridged;
    }

    private Continuity classify(double sensorTime, Lineage lineage, long frame) {
        if (!started) {
            return Continuity.FIRST;
        }
        if (lineage != null && lastHadLineage) {
            if (!lineage.bootId().equals(lastBoot) || lineage.linkEpoch() != lastEpoch) {
                return Continuity.RECONNECT;
            }
            if (lineage.seq() != lastSeq + 1) {
                return Continuity.SEQ_GAP;
            }
        }
        boolean counted = frame != NO_FRAME && lastFrame != NO_FRAME;
        if (counted && frame != lastFrame + 1) {
            return Continuity.FRAME_GAP;
        }
        if (maxStepSeconds > 0 && !Double.isNaN(sensorTime) && !Double.isNaN(lastTime)) {
            double dt = sensorTime - lastTime;
            boolean strictOk = dt > 0 && dt <= maxStepSeconds;
            if (!strictOk) {
                if (counted && Math.abs(dt - stepSeconds) <= JITTER_TOLERANCE_SECONDS) {
                    bridged++;
                    return Continuity.CONTINUES;
                }
                return Continuity.TICK_GAP;
            }
        }
        return Continuity.CONTINUES;
    }
}
