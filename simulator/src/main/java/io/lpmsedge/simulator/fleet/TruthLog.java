package io.lpmsedge.simulator.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.simulator.scenario.Phase;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Ground truth as JSON Lines, one object per machine-state change of any sensor (and one at each start):
 * {@code {"sensorId":1,"tick":0,"t":0.0,"state":"OK","mode":"ok","severity":0.0}}. {@code t} is sensor time
 * in seconds since the simulation started; {@code tick} is the LP-BUS timestamp the sensor stamps at that
 * moment. Shared by the sensors of a fleet, hence synchronized (changes are rare).
 */
public final class TruthLog implements Closeable {
    private final JsonGenerator json;
    private final OutputStream out;

    public TruthLog(OutputStream out) {
        this.out = out;
        try {
            this.json = new JsonFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    public synchronized void record(int sensorId, long tick, double t, Phase phase) {
        try {
            json.writeStartObject();
            json.writeNumberField("sensorId", sensorId);
            json.writeNumberField("tick", tick);
            json.writeNumberField("t", t);
            json.writeStringField("state", phase.failure() ? "FAILURE" : "OK");
            json.writeStringField("mode", phase.kind().key());
            json.writeNumberField("severity", phase.severity());
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        json.close();
        out.close();
    }
}
