package io.lpmsedge.protocol.data;

import java.util.Arrays;

/** Immutable decoded outputs of one sample, in wire units. Absent outputs read as {@code NaN}. */
public final class SampleValues implements SampleFields {
    private final int present;
    private final double[] values;

    SampleValues(int present, double[] values) {
        this.present = present;
        this.values = values;
        for (Output o : Output.values()) {
            if (!has(o)) {
                Arrays.fill(values, o.slot(), o.slot() + o.components(), Double.NaN);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean has(Output output) {
        return (present & (1 << output.ordinal())) != 0;
    }

    @Override
    public double get(Output output, int component) {
        return values[output.slot() + Sample.checkComponent(output, component)];
    }

    /** The components of an output (a copy), or {@code null} when it is absent. */
    public double[] vector(Output output) {
        if (!has(output)) {
            return null;
        }
        return Arrays.copyOfRange(values, output.slot(), output.slot() + output.components());
    }

    public int presentMask() {
        return present;
    }

    @Override
    public boolean equals(Object o) {
        // Bit-exact comparison (Double.equals semantics): NaN slots of absent outputs compare equal.
        return o instanceof SampleValues v && present == v.present && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return present * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Output o : Output.values()) {
            if (has(o)) {
                sb.append(sb.length() > 1 ? ", " : "")
                        .append(o.key())
                        .append('=')
                        .append(o.components() == 1 ? Double.toString(get(o)) : Arrays.toString(vector(o)));
            }
        }
        return sb.append('}').toString();
    }

    /** Builds values for the encoder, tests and the simulator. */
    public static final class Builder {
        private final Sample scratch = new Sample();

        public Builder set(Output output, double... components) {
            scratch.set(output, components);
            return this;
        }

        public SampleValues build() {
            return scratch.values();
        }
    }
}
