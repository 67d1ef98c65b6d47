package io.lpmsedge.scorer.input;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.SampleFields;

/** Where an input reader delivers its records, in file order. {@code row} counts delivered records from 0. */
public interface RecordSink {
    /**
     * A reading in wire units (g, rad/s, µT, rad, kPa). {@code values} may be a reused flyweight: read it now.
     *
     * @param sensor     the sensor's key within the file (LP-BUS id, or the bridge's sensor name)
     * @param sensorTime seconds from the sensor's tick counter, NaN when unknown
     * @param lineage    bridge lineage, {@code null} for files that never passed a bridge
     */
    void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage);

    /**
     * As {@link #reading(long, String, SampleFields, double, Lineage)}, from an input that numbers its samples
     * per sensor ({@code frame}: an LpmsControl export's FrameNumber), which decides continuity where the
     * timestamps jitter. Sinks that ignore the counter need not override this.
     */
    default void reading(long row, String sensor, SampleFields values, double sensorTime, Lineage lineage, long frame) {
        reading(row, sensor, values, sensorTime, lineage);
    }

    /**
     * A row of a CSV that names the model's columns: {@code features} in the order asked for, in model units;
     * {@code extras} the other columns' text (labels and the like), passed through to the output.
     */
    void columns(long row, double[] features, String[] extras);

    /**
     * The stream rate a sensor is configured for, when the input says so (a capture's config word), before its
     * first reading. Inputs without it (JSON Lines, CSV) never call this.
     */
    default void configuredRate(String sensor, int rateHz) {}
}
