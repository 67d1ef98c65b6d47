package io.lpmsedge.simulator.link;

/**
 * What the link-fault injector did, and therefore exactly what a decoder on the other end must see:
 * {@code badFrames = framesCorrupted + falseStarts}, {@code bytesSkipped = garbageBytes + corruptedBytes},
 * good data frames = {@code framesSent}, and tick gaps covering {@code framesLost + framesStalled + framesCorrupted}.
 *
 * @param framesSent      data frames written intact
 * @param framesCorrupted data frames written with damage (each one bad frame for the decoder)
 * @param corruptedBytes  bytes of those frames (all skipped by a decoder)
 * @param framesLost      data frames never written (loss bursts)
 * @param lossBursts      loss bursts
 * @param garbageBursts   runs of noise bytes written between frames
 * @param garbageBytes    noise bytes (never 0x3A except in false starts, so none can hide a frame)
 * @param falseStarts     fake frame headers with an impossible length inside the noise (one bad frame each)
 * @param framesStalled   data frames not written because the link was stalled
 * @param repliesStalled  command replies not written because the link was stalled
 * @param stalls          stalls begun
 * @param drops           connections closed by the simulator
 */
public record LinkFaultStats(
        long framesSent,
        long framesCorrupted,
        long corruptedBytes,
        long framesLost,
        long lossBursts,
        long garbageBursts,
        long garbageBytes,
        long falseStarts,
        long framesStalled,
        long repliesStalled,
        long stalls,
        long drops) {
    /** Bad frames a correct decoder counts on this link. */
    public long expectedBadFrames() {
        return framesCorrupted + falseStarts;
    }

    /** Bytes a correct decoder skips on this link. */
    public long expectedSkippedBytes() {
        return garbageBytes + corruptedBytes;
    }

    public LinkFaultStats plus(LinkFaultStats o) {
        return new LinkFaultStats(
                framesSent + o.framesSent,
                framesCorrupted + o.framesCorrupted,
                corruptedBytes + o.corruptedBytes,
                framesLost + o.framesLost,
                lossBursts + o.lossBursts,
                garbageBursts + o.garbageBursts,
                garbageBytes + o.garbageBytes,
                falseStarts + o.falseStarts,
                framesStalled + o.framesStalled,
                repliesStalled + o.repliesStalled,
                stalls + o.stalls,
                drops + o.drops);
    }
}
