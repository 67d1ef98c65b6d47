package io.lpmsedge.protocol.data;

import java.util.Arrays;

/**
 * Where each value of a data payload goes, worked out once per (config word, profile) so that decoding a frame is
 * one tight loop over its components: no per-frame look-up of bits, field order or divisors.
 */
public final class DataLayout {
    private final ConfigWord word;
    private final FirmwareProfile profile;
    private final boolean sixteenBit;
    private final int presentMask;
    private final int payloadLength;
    /** Per payload component, in payload order: its slot in the sample and (16-bit) its divisor. */
    private final int[] slots;

    private final double[] divisors;

    public DataLayout(ConfigWord word, FirmwareProfile profile) {
        this.word = word;
        this.profile = profile;
        this.sixteenBit = word.sixteenBit();
        int[] s = new int[Output.SLOTS];
        double[] d = new double[Output.SLOTS];
        int n = 0;
        int mask = 0;
        for (Output o : Output.values()) {
            if (!word.has(o, profile)) {
                continue;
            }
            mask |= 1 << o.ordinal();
            for (int c = 0; c < o.components(); c++, n++) {
                s[n] = o.slot() + c;
                d[n] = profile.divisor(o);
            }
        }
        this.slots = Arrays.copyOf(s, n);
        this.divisors = Arrays.copyOf(d, n);
        this.presentMask = mask;
        this.payloadLength = 4 + n * (sixteenBit ? 2 : 4);
    }

    public ConfigWord word() {
        return word;
    }

    public FirmwareProfile profile() {
        return profile;
    }

    /** The payload length every data frame under this word has (docs/lpms-protocol.md#payload-length). */
    public int payloadLength() {
        return payloadLength;
    }

    boolean sixteenBit() {
        return sixteenBit;
    }

    int presentMask() {
        return presentMask;
    }

    int components() {
        return slots.length;
    }

    int slot(int component) {
        return slots[component];
    }

    double divisor(int component) {
        return divisors[component];
    }
}
