package io.lpmsedge.protocol.data;

import io.lpmsedge.protocol.frame.LittleEndian;

/**
 * Reads and writes the payload of a function-9 data frame (docs/lpms-protocol.md#data-frames): a 4-byte timestamp, then
 * every enabled
 * output in {@link Output} order, as float32 or as int16 ÷ divisor. Stateless and allocation-free.
 */
public final class SensorDataCodec {
    private static final Output[] OUTPUTS = Output.values();

    private SensorDataCodec() {}

    /**
     * Decodes the outputs of a data payload into {@code out} and returns the timestamp as a raw unsigned 32-bit
     * tick; for float-seconds firmware the seconds are converted to ticks of the profile. The payload length
     * must equal {@link DataLayout#payloadLength()}: check that first.
     */
    public static long decode(byte[] b, int off, DataLayout layout, Sample out) {
        long tick = readTimestamp(b, off, layout.profile());
        int p = off + 4;
        int n = layout.components();
        if (layout.sixteenBit()) {
            for (int i = 0; i < n; i++, p += 2) {
                out.setRaw(layout.slot(i), LittleEndian.i16(b, p) / layout.divisor(i));
            }
        } else {
            for (int i = 0; i < n; i++, p += 4) {
                out.setRaw(layout.slot(i), LittleEndian.f32(b, p));
            }
        }
        out.setPresentMask(layout.presentMask());
        return tick;
    }

    /** As {@link #decode(byte[], int, DataLayout, Sample)}, working out the layout first (allocates). */
    public static long decode(byte[] b, int off, ConfigWord word, FirmwareProfile profile, Sample out) {
        return decode(b, off, new DataLayout(word, profile), out);
    }

    /** Whether a payload of this length can be a data frame under {@code word}. */
    public static boolean fits(int payloadLength, ConfigWord word, FirmwareProfile profile) {
        return payloadLength == word.payloadLength(profile);
    }

    private static long readTimestamp(byte[] b, int off, FirmwareProfile profile) {
        if (profile.timestampFormat() == TimestampFormat.TICKS) {
            return LittleEndian.u32(b, off);
        }
        double seconds = LittleEndian.f32(b, off);
        long ticks = Math.round(seconds / profile.tickSeconds());
        return Math.floorMod(ticks, 1L << 32);
    }

    /**
     * Writes the data payload for {@code fields} under {@code word} at {@code out[off]} and returns its length.
     * Outputs enabled in the word but absent from {@code fields} are an error: a sensor never sends a gap.
     * 16-bit values are rounded to the nearest step and saturate at the int16 range, as a sensor must.
     */
    public static int encode(
            long tick, SampleFields fields, ConfigWord word, FirmwareProfile profile, byte[] out, int off) {
        if (profile.timestampFormat() == TimestampFormat.TICKS) {
            LittleEndian.putI32(out, off, (int) tick);
        } else {
            LittleEndian.putF32(out, off, (float) (Integer.toUnsignedLong((int) tick) * profile.tickSeconds()));
        }
        int p = off + 4;
        boolean sixteen = word.sixteenBit();
        for (Output o : OUTPUTS) {
            if (!word.has(o, profile)) {
                continue;
            }
            if (!fields.has(o)) {
                throw new IllegalArgumentException(
                        "config word " + word + " enables " + o.key() + " but the sample has no " + o.key());
            }
            for (int i = 0; i < o.components(); i++) {
                double v = fields.get(o, i);
                if (sixteen) {
                    long raw = Math.round(v * profile.divisor(o));
                    LittleEndian.putI16(out, p, (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw)));
                    p += 2;
                } else {
                    LittleEndian.putF32(out, p, (float) v);
                    p += 4;
                }
            }
        }
        return p - off;
    }

    /** Seconds of an unwrapped tick count. */
    public static double seconds(long unwrappedTick, FirmwareProfile profile) {
        return unwrappedTick * profile.tickSeconds();
    }
}
