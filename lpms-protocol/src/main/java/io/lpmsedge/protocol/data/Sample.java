package io.lpmsedge.protocol.data;

import java.util.Arrays;

/**
 * Mutable, reusable sample: the zero-allocation path for the hot loop. A decoder fills one instance per data
 * frame and hands it to its listener, which must copy what it keeps ({@link #toReading()} or
 * {@link #values()}). Also the scratch a simulator fills before encoding.
 */
public final class Sample implements SampleFields {
    private final double[] values = new double[Output.SLOTS];
    private int present;
    private int sensorId;
    private long tick;
    private double sensorTime;
    private long receivedAtNanos;

    @Override
    public boolean has(Output output) {
        return (present & (1 << output.ordinal())) != 0;
    }

    @Override
    public double get(Output output, int component) {
        if (!has(output)) {
            return Double.NaN;
        }
        return values[output.slot() + checkComponent(output, component)];
    }

    /** LP-BUS id of the sensor that sent the frame. */
    public int sensorId() {
        return sensorId;
    }

    /** The raw unsigned 32-bit timestamp counter as sent (0 … 2^32−1). */
    public long tick() {
        return tick;
    }

    /** Sensor time in seconds from the unwrapped tick (continues across the 2^32 wrap). */
    public double sensorTime() {
        return sensorTime;
    }

    /** Host receive time in epoch nanoseconds, 0 when the caller gave none. */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** Bit set over {@link Output#ordinal()} of the present outputs. */
    public int presentMask() {
        return present;
    }

    public Sample clear() {
        present = 0;
        return this;
    }

    public Sample header(int sensorId, long tick, double sensorTime, long receivedAtNanos) {
        this.sensorId = sensorId;
        this.tick = tick;
        this.sensorTime = sensorTime;
        this.receivedAtNanos = receivedAtNanos;
        return this;
    }

    public Sample set(Output output, int component, double value) {
        values[output.slot() + checkComponent(output, component)] = value;
        present |= 1 << output.ordinal();
        return this;
    }

    /** Sets all components of an output at once. */
    public Sample set(Output output, double... components) {
        if (components.length != output.components()) {
            throw new IllegalArgumentException(
                    output.key() + " has " + output.components() + " components, got " + components.length);
        }
        System.arraycopy(components, 0, values, output.slot(), components.length);
        present |= 1 << output.ordinal();
        return this;
    }

    /** Copies every field of {@code other}: outputs and header. */
    public Sample copyFrom(SampleFields other) {
        present = 0;
        for (Output o : Output.values()) {
            if (other.has(o)) {
                for (int i = 0; i < o.components(); i++) {
                    values[o.slot() + i] = other.get(o, i);
                }
                present |= 1 << o.ordinal();
            }
        }
        return this;
    }

    /** Writes component values straight into the slot array: the decoder's allocation-free path. */
    void setRaw(int slot, double value) {
        values[slot] = value;
    }

    void setPresentMask(int mask) {
        present = mask;
    }

    /** An immutable copy of the outputs. */
    public SampleValues values() {
        return new SampleValues(present, Arrays.copyOf(values, values.length));
    }

    /** An immutable reading of this sample, without lineage (the bridge adds it). */
    public Reading toReading() {
        return new Reading(sensorId, tick, sensorTime, receivedAtNanos, values(), null);
    }

    static int checkComponent(Output output, int component) {
        if (component < 0 || component >= output.components()) {
            throw new IndexOutOfBoundsException(
                    output.key() + " has components 0.." + (output.components() - 1) + ", asked for " + component);
        }
        return component;
    }
}
