package io.lpmsedge.scorer.window;

import io.lpmsedge.protocol.data.Lineage;

/**
 * Decides whether a reading continues its predecessor. Lineage (stamped by the bridge) is the strongest signal:
 * a new boot or link epoch is a reconnect, a skipped {@code seq} is lost data. Sensor time catches what lineage
 * cannot see (offline files have none; a sensor can drop samples before the link): a step larger than 1.5× the
 * expected {@code 1/rate}, or none at all, is a gap. The 1.5 factor accepts one tick of timestamp jitter at any
 * LPMS rate while flagging a single lost sample.
 */
public final class GapDetector {
    private final double maxStepSeconds;
    private boolean started;
    private double lastTime;
    private boolean lastHadLineage;
    private String lastBoot;
    private long lastSeq;
    private long lastEpoch;

    /** @param sampleRateHz expected rate; 0 disables the time check (e.g. CSV rows without time) */
    public GapDetector(double sampleRateHz) {
        this.maxStepSeconds = sampleRateHz > 0 ? 1.5 / sampleRateHz : 0;
    }

    public Continuity next(double sensorTime, Lineage lineage) {
        Continuity c = classify(sensorTime, lineage);
        started = true;
        lastTime = sensorTime;
        lastHadLineage = lineage != null;
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

    private Continuity classify(double sensorTime, Lineage lineage) {
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
        if (maxStepSeconds > 0 && !Double.isNaN(sensorTime) && !Double.isNaN(lastTime)) {
            double dt = sensorTime - lastTime;
            if (dt <= 0 || dt > maxStepSeconds) {
                return Continuity.TICK_GAP;
            }
        }
        return Continuity.CONTINUES;
    }
}
