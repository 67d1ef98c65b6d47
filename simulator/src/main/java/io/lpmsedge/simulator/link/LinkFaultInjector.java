package io.lpmsedge.simulator.link;

import io.lpmsedge.protocol.frame.LittleEndian;
import io.lpmsedge.protocol.frame.LpBus;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Applies {@link LinkFaultConfig} to what a sensor writes, from its own seeded stream, and counts every fault
 * so tests can assert exactly what a decoder must see ({@link LinkFaultStats}).
 *
 * <p>Why the damage is shaped as it is: a decoder that rejects a frame re-scans from the byte after its start
 * (docs/lpms-protocol.md#receive-algorithm), so any stray {@code 0x3A} in a damaged frame or in noise would open
 * further candidates whose
 * fate depends on the bytes that follow. To keep the counts exact, a damaged frame has every {@code 0x3A} after
 * its start byte changed and an LRC that is guaranteed wrong, and noise contains {@code 0x3A} only inside
 * "false starts" whose length field (0xFFFF) is rejected at once. Each corrupted frame and each false start is
 * then exactly one bad frame, and every damaged or noise byte is skipped.
 *
 * <p>Only data frames are damaged, lost or preceded by noise; replies to commands are left alone (except in a
 * stall, which holds back everything). Not thread-safe: owned by the sensor's thread.
 */
public final class LinkFaultInjector {
    private static final byte START = LpBus.START;
    private static final int MAX_GARBAGE = 24;

    private final LinkFaultConfig config;
    private final SplittableRandom random;
    private final byte[] garbage = new byte[MAX_GARBAGE + 7 + MAX_GARBAGE];
    private int lossRemaining;
    private boolean inStall;

    private volatile long framesSent;
    private volatile long framesCorrupted;
    private volatile long corruptedBytes;
    private volatile long framesLost;
    private volatile long lossBursts;
    private volatile long garbageBursts;
    private volatile long garbageBytes;
    private volatile long falseStarts;
    private volatile long framesStalled;
    private volatile long repliesStalled;
    private volatile long stalls;
    private volatile long drops;

    public LinkFaultInjector(LinkFaultConfig config, SplittableRandom random) {
        this.config = config;
        this.random = random;
    }

    public LinkFaultConfig config() {
        return config;
    }

    /** Whether the session should be dropped now ({@code sessionSeconds} of sensor time into it); counts it. */
    public boolean dropNow(double sessionSeconds) {
        if (config.dropEverySeconds() > 0 && sessionSeconds >= config.dropEverySeconds()) {
            drops++;
            return true;
        }
        return false;
    }

    /** Whether the link is stalled at {@code sessionSeconds}; counts each stall once. */
    public boolean stalled(double sessionSeconds) {
        double every = config.stallEverySeconds();
        boolean stalled = every > 0 && sessionSeconds >= every && (sessionSeconds % every) < config.stallSeconds();
        if (stalled && !inStall) {
            stalls++;
        }
        inStall = stalled;
        return stalled;
    }

    /** A session ended: a new one starts without a pending loss burst or stall. */
    public void newSession() {
        lossRemaining = 0;
        inStall = false;
    }

    /** Writes a command reply unless the link is stalled; whether it was written. */
    public boolean sendReply(byte[] frame, ByteLink link, boolean stalled) throws IOException {
        if (stalled) {
            repliesStalled++;
            return false;
        }
        link.write(frame, 0, frame.length);
        return true;
    }

    /**
     * Sends (or loses, or damages) one data frame {@code frame[0, length)}; the array may be modified.
     *
     * @return bytes written (noise included), 0 when the frame was lost or stalled
     */
    public int sendDataFrame(byte[] frame, int length, ByteLink link, boolean stalled) throws IOException {
        if (stalled) {
            framesStalled++;
            return 0;
        }
        if (lossRemaining > 0) {
            lossRemaining--;
            framesLost++;
            return 0;
        }
        if (config.lossRate() > 0 && random.nextDouble() < config.lossRate()) {
            lossBursts++;
            framesLost++;
            lossRemaining = config.lossBurst() - 1;
            return 0;
        }
        int noise = 0;
        if (config.garbageRate() > 0 && random.nextDouble() < config.garbageRate()) {
            noise = writeGarbage(link);
        }
        if (config.corruptRate() > 0 && random.nextDouble() < config.corruptRate()) {
            corrupt(frame, length);
            framesCorrupted++;
            corruptedBytes += length;
        } else {
            framesSent++;
        }
        link.write(frame, 0, length);
        return noise + length;
    }

    private int writeGarbage(ByteLink link) throws IOException {
        int n = 0;
        int before = 1 + random.nextInt(MAX_GARBAGE);
        for (int i = 0; i < before; i++) {
            garbage[n++] = noiseByte();
        }
        if (random.nextBoolean()) {
            // A fake header: 3A, four noise bytes, length 0xFFFF (> 1024: rejected as soon as it is read).
            garbage[n++] = START;
            for (int i = 0; i < 4; i++) {
                garbage[n++] = noiseByte();
            }
            garbage[n++] = (byte) 0xFF;
            garbage[n++] = (byte) 0xFF;
            falseStarts++;
            int after = random.nextInt(MAX_GARBAGE);
            for (int i = 0; i < after; i++) {
                garbage[n++] = noiseByte();
            }
        }
        garbageBursts++;
        garbageBytes += n;
        link.write(garbage, 0, n);
        return n;
    }

    private byte noiseByte() {
        int b = random.nextInt(255);
        return (byte) (b >= (START & 0xFF) ? b + 1 : b); // any value but 0x3A
    }

    private void corrupt(byte[] f, int length) {
        int payloadLength = length - LpBus.OVERHEAD;
        int at = LpBus.HEADER_LENGTH + random.nextInt(Math.max(1, payloadLength));
        f[at] ^= (byte) (1 + random.nextInt(255));
        for (int i = 1; i < length; i++) {
            if (f[i] == START) {
                f[i] = START + 1;
            }
        }
        int id = LittleEndian.u16(f, 1);
        int function = LittleEndian.u16(f, 3);
        int lrcAt = LpBus.HEADER_LENGTH + payloadLength;
        int actual = LpBus.lrc(id, function, f, LpBus.HEADER_LENGTH, payloadLength);
        int stored = LittleEndian.u16(f, lrcAt);
        while (stored == actual || (stored & 0xFF) == (START & 0xFF) || (stored >>> 8) == (START & 0xFF)) {
            stored = (stored + 1) & 0xFFFF;
        }
        LittleEndian.putU16(f, lrcAt, stored);
    }

    public LinkFaultStats stats() {
        return new LinkFaultStats(
                framesSent,
                framesCorrupted,
                corruptedBytes,
                framesLost,
                lossBursts,
                garbageBursts,
                garbageBytes,
                falseStarts,
                framesStalled,
                repliesStalled,
                stalls,
                drops);
    }
}
