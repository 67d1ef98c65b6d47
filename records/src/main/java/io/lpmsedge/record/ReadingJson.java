package io.lpmsedge.record;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import java.io.IOException;

/**
 * Writes a reading as one JSON object: lineage first, then the same data keys as {@code lpms-edge decode}, so a
 * bridge JSONL file, a decode of a capture and the scorer's JSONL input read alike. Documented in
 * docs/delivery.md#record-format.
 */
public final class ReadingJson {
    private static final Output[] OUTPUTS = Output.values();

    private ReadingJson() {}

    /** Version of the layout written here; the first key of every object. */
    public static final int SCHEMA_VERSION = 1;

    public static void write(Reading r, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schema", SCHEMA_VERSION);
        Lineage l = r.lineage();
        if (l != null) {
            json.writeStringField("sensor", l.sensorName());
            json.writeStringField("bridge", l.bridge());
            json.writeStringField("bootId", l.bootId());
            json.writeNumberField("seq", l.seq());
            json.writeNumberField("linkEpoch", l.linkEpoch());
        }
        json.writeNumberField("sensorId", r.sensorId());
        json.writeNumberField("ticks", r.tick());
        json.writeNumberField("t", r.sensorTime());
        if (r.receivedAtNanos() != 0) {
            json.writeNumberField("recvNs", r.receivedAtNanos());
        }
        for (Output o : OUTPUTS) {
            if (!r.has(o)) {
                continue;
            }
            if (o.components() == 1) {
                json.writeNumberField(o.key(), r.get(o, 0));
            } else {
                json.writeArrayFieldStart(o.key());
                for (int i = 0; i < o.components(); i++) {
                    json.writeNumber(r.get(o, i));
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }
}
