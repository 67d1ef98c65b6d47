package io.lpmsedge.scorer.features;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reading fields → one model row (or one reading's slice of a window vector), unit conversion included.
 * Flattened into parallel arrays so the per-reading path is a plain loop without allocation.
 */
public final class FeatureMapper {
    private final Output[] outputs;
    private final int[] components;
    private final double[] scales;
    private final double[] offsets;
    private final List<FeatureMapping> mappings;

    public FeatureMapper(List<FeatureMapping> mappings) {
        this.mappings = List.copyOf(mappings);
        int n = mappings.size();
        outputs = new Output[n];
        components = new int[n];
        scales = new double[n];
        offsets = new double[n];
        for (int i = 0; i < n; i++) {
            FeatureMapping m = mappings.get(i);
            if (m.field() == null) {
                throw new IllegalArgumentException("feature '" + m.column() + "' has no reading field; the manifest "
                        + "must map it (e.g. \"field\": \"acc[0]\") to score readings rather than CSV columns");
            }
            outputs[i] = m.field().output();
            components[i] = m.field().component();
            scales[i] = m.scale();
            offsets[i] = m.offset();
        }
    }

    public int width() {
        return outputs.length;
    }

    public List<FeatureMapping> mappings() {
        return mappings;
    }

    /** Writes this reading's features to {@code out[at .. at+width)}. Absent outputs give NaN. */
    public void map(SampleFields reading, double[] out, int at) {
        for (int i = 0; i < outputs.length; i++) {
            out[at + i] = reading.get(outputs[i], components[i]) * scales[i] + offsets[i];
        }
    }

    /** The outputs these features need. */
    public Set<Output> requiredOutputs() {
        Set<Output> s = EnumSet.noneOf(Output.class);
        for (Output o : outputs) {
            s.add(o);
        }
        return s;
    }

    /**
     * Checks that a sensor's readings carry every output the features need.
     *
     * @param source what the reading came from, for the message (e.g. {@code "capture.bin sensor 1"})
     * @throws IllegalArgumentException naming the features that lack data and what the sensor sends
     */
    public void requireOutputs(SampleFields reading, String source) {
        List<String> missing = new ArrayList<>();
        for (FeatureMapping m : mappings) {
            if (!reading.has(m.field().output())) {
                missing.add(m.column() + " <- " + m.field());
            }
        }
        if (!missing.isEmpty()) {
            List<String> present = new ArrayList<>();
            for (Output o : Output.values()) {
                if (reading.has(o)) {
                    present.add(o.key());
                }
            }
            throw new IllegalArgumentException("the manifest maps " + missing + " but " + source
                    + " sends only " + present + "; enable those outputs on the sensor or fix the manifest's features");
        }
    }
}
