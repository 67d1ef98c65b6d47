package io.lpmsedge.protocol.data;

/** Read access to the decoded outputs of one sample, shared by the flyweight and the immutable value. */
public interface SampleFields {
    /** Whether the output was enabled in the frame this sample came from. Absent outputs are never zero. */
    boolean has(Output output);

    /** Component {@code i} of an output, in wire units; {@code NaN} when the output is absent. */
    double get(Output output, int component);

    default double get(Output scalarOutput) {
        return get(scalarOutput, 0);
    }
}
