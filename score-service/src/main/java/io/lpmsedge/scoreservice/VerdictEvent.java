package io.lpmsedge.scoreservice;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.scorer.window.Verdict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One window's verdict as the service publishes it (docs/score-service.md#verdict-events). Every
 * field is a function of the readings and the model, never of which instance scored them, so an event produced
 * twice (at-least-once) is byte-identical and can be deduplicated on ({@code sensor}, {@code bootId},
 * {@code lastSeq}).
 *
 * @param firstSeq  lineage seq of the window's first reading
 * @param lastSeq   lineage seq of the reading that closed it
 * @param startT    sensor time of the first reading (s)
 * @param endT      sensor time of the last reading (s)
 * @param rms       RMS of the per-reading scores (window-vector models: the window's score)
 */
record VerdictEvent(String sensor, String bridge, String bootId, long linkEpoch, long firstSeq, long lastSeq,
                    int rows, double startT, double endT, double rms, double threshold, boolean exceeds,
                    Verdict verdict, Verdict previousVerdict, String model) {
    static final int SCHEMA = 1;
    static final String SOURCE = "score-service";
    private static final JsonFactory JSON = new JsonFactory();

    boolean changed() {
        return verdict != previousVerdict;
    }

    byte[] toJson() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(384);
        try (JsonGenerator g = JSON.createGenerator(b, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("type", "verdict");
            g.writeStringField("source", SOURCE);
            g.writeStringField("sensor", sensor);
            g.writeStringField("bridge", bridge);
            g.writeStringField("bootId", bootId);
            g.writeNumberField("linkEpoch", linkEpoch);
            g.writeNumberField("firstSeq", firstSeq);
            g.writeNumberField("lastSeq", lastSeq);
            g.writeNumberField("rows", rows);
            number(g, "startTime", startT);
            number(g, "endTime", endT);
            number(g, "rms", rms);
            number(g, "threshold", threshold);
            g.writeBooleanField("exceeds", exceeds);
            g.writeStringField("verdict", verdict.name());
            g.writeStringField("previousVerdict", previousVerdict.name());
            g.writeBooleanField("changed", changed());
            g.writeStringField("model", model);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return b.toByteArray();
    }

    /** JSON has no NaN: a value the input did not carry (e.g. no sensor time) is null. */
    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }
}
