package io.lpmsedge.benchmarks;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.RecordFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Simulated sensors' readings as record values, as a bridge writes them (record schema 1, JSON or CBOR): each
 * sensor at 100 Hz on the LPMS 400 Hz tick clock, a still machine with sensor noise (acc ≈ (0, 0, −1) g, small
 * gyro), with lineage (sensor name, boot id, seq) so the score-service windows and dedupes them. Deterministic.
 */
final class SensorFeed {
    private final int sensors;
    private final RecordFormat format;
    private final Random rnd = new Random(11);
    private final Sample sample = new Sample();
    private final String[] names;
    private final String[] boots;

    SensorFeed(int sensors, RecordFormat format) {
        this.sensors = sensors;
        this.format = format;
        this.names = new String[sensors];
        this.boots = new String[sensors];
        for (int i = 0; i < sensors; i++) {
            names[i] = String.format("machine-%03d", i);
            boots[i] = new UUID(17, i).toString();
        }
    }

    int sensors() {
        return sensors;
    }

    String name(int sensor) {
        return names[sensor];
    }

    /** The value of reading {@code seq} of {@code sensor}. */
    byte[] value(int sensor, long seq) {
        long tick = 4 * seq;
        sample.clear()
                .header(sensor % 255 + 1, tick, tick * 0.0025, System.nanoTime())
                .set(Output.ACC, 0.02 * rnd.nextGaussian(), 0.02 * rnd.nextGaussian(), -1 + 0.02 * rnd.nextGaussian())
                .set(Output.GYRO, 0.3 * rnd.nextGaussian(), 0.3 * rnd.nextGaussian(), 0.3 * rnd.nextGaussian());
        return format.encode(sample.toReading()
                .withLineage(new Lineage("bench-pi-" + sensor / 10, names[sensor], boots[sensor], seq, 1)));
    }
}
