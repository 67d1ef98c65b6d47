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
 *
 * <p>With derived features ({@link Derivation}, e.g. {@code vib(acc[0])}) a mapper holds one sensor's recent
 * history: map that sensor's readings in order, one mapper per sensor, and {@link #reset()} it where the stream
 * breaks (the {@code WindowScorer} does both). Without derived features it is stateless.
 */
public final class FeatureMapper {
    private final Output[] outputs;
    private final int[] components;
    private final double[] scales;
    private final double[] offsets;
    private final List<FeatureMapping> mappings;
    /** Per feature: its state, or {@code null} for a plain field. */
    private final DerivedFeature[] derived;
    /** Shared by the rest-based features; {@code null} when none is used. */
    private final RestDetector rest;

    public FeatureMapper(List<FeatureMapping> mappings) {
        this.mappings = List.copyOf(mappings);
        int n = mappings.size();
        outputs = new Output[n];
        components = new int[n];
        scales = new double[n];
        offsets = new double[n];
        derived = new DerivedFeature[n];
        boolean needsRest = mappings.stream().anyMatch(m -> m.derive().needsRest());
        rest = needsRest ? new RestDetector() : null;
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
            derived[i] = m.derived() ? DerivedFeature.of(m.derive(), rest) : null;
        }
    }

    public int width() {
        return outputs.length;
    }

    public List<FeatureMapping> mappings() {
        return mappings;
    }

    /**
     * Writes this reading's features to {@code out[at .. at+width)}. Absent outputs give NaN. With derived
     * features this advances the sensor's history: call it once per reading, in order.
     */
    public void map(SampleFields reading, double[] out, int at) {
        if (rest != null) {
            rest.update(reading);
        }
        for (int i = 0; i < outputs.length; i++) {
            double v = reading.get(outputs[i], components[i]);
            DerivedFeature d = derived[i];
            out[at + i] = (d == null ? v : d.next(v)) * scales[i] + offsets[i];
        }
    }

    /** Whether any feature is derived, i.e. this mapper keeps per-sensor history. */
    public boolean hasState() {
        return rest != null || java.util.Arrays.stream(derived).anyMatch(java.util.Objects::nonNull);
    }

    /** Forgets the history of derived features: the next reading does not continue the previous one. */
    public void reset() {
        if (rest != null) {
            rest.reset();
        }
        for (DerivedFeature d : derived) {
            if (d != null) {
                d.reset();
            }
        }
    }

    /** The outputs these features need. */
    public Set<Output> requiredOutputs() {
        Set<Output> s = EnumSet.noneOf(Output.class);
        for (Output o : outputs) {
            s.add(o);
        }
        if (rest != null) {
            s.add(Output.GYRO);
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
                missing.add(m.column() + " <- " + m.source());
            } else if (m.derive().needsRest() && !reading.has(Output.GYRO)) {
                missing.add(m.column() + " <- " + m.source() + " (rest is judged from gyro)");
            }
        }
        if (!missing.isEmpty()) {
            List<String> present = new ArrayList<>();
            for (Output o : Output.values()) {
                if (reading.has(o)) {
                    present.add(o.key());
                }
            }
            throw new IllegalArgumentException("the manifest maps " + missing + " but " + source + " sends only "
                    + present + "; enable those outputs on the sensor or fix the manifest's features");
        }
    }
}
