package io.lpmsedge.protocol.data;

import java.util.Objects;

/**
 * One sample from one sensor: the immutable value every module passes around.
 *
 * @param sensorId        LP-BUS id from the frame
 * @param tick            raw unsigned 32-bit timestamp counter as sent
 * @param sensorTime      seconds from the unwrapped tick (continues across the 2^32 wrap)
 * @param receivedAtNanos host receive time, epoch nanoseconds (0 when unknown, e.g. decoding a file)
 * @param values          the decoded outputs in wire units
 * @param lineage         bridge, sensor name, boot, sequence and link epoch; {@code null} until a bridge stamps it
 */
public record Reading(
        int sensorId, long tick, double sensorTime, long receivedAtNanos, SampleValues values, Lineage lineage) {
    public Reading {
        Objects.requireNonNull(values, "values");
    }

    public Reading withLineage(Lineage newLineage) {
        return new Reading(sensorId, tick, sensorTime, receivedAtNanos, values, newLineage);
    }

    public boolean has(Output output) {
        return values.has(output);
    }

    public double get(Output output, int component) {
        return values.get(output, component);
    }
}
