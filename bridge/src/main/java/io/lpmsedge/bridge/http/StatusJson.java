package io.lpmsedge.bridge.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.DeadLetterStatus;
import io.lpmsedge.bridge.status.HealthCheck;
import io.lpmsedge.bridge.status.ReloadStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import io.lpmsedge.bridge.status.SinkStatus;
import io.lpmsedge.bridge.status.SpoolStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** JSON bodies of {@code /api/status}, {@code /health} and {@code /ready} (docs/install-and-operate.md#status-api). */
final class StatusJson {
    private final JsonFactory factory = new JsonFactory();

    void writeStatus(BridgeStatus st, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("bridge", st.bridge());
            g.writeStringField("bootId", st.bootId());
            g.writeNumberField("time", st.timeMillis());
            g.writeNumberField("uptimeMs", st.uptimeMillis());
            g.writeNumberField("queueDepth", st.queueDepth());
            g.writeNumberField("queueDropped", st.queueDropped());
            reloads(g, st.reloads());
            g.writeArrayFieldStart("sensors");
            for (SensorStatus s : st.sensors()) {
                sensor(g, s);
            }
            g.writeEndArray();
            if (st.spool() != null) {
                spool(g, st.spool());
            }
            g.writeArrayFieldStart("sinks");
            for (SinkStatus s : st.sinks()) {
                sink(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void writeHealth(HealthCheck.Result result, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", result.ok() ? "ok" : "fail");
            g.writeArrayFieldStart("problems");
            for (String p : result.problems()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void sensor(JsonGenerator g, SensorStatus s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("link", s.link());
        g.writeStringField("state", s.state().name());
        g.writeNumberField("readings", s.readings());
        g.writeNumberField("rate", Math.round(s.readingsPerSecond() * 10) / 10.0);
        g.writeNumberField("lastReadingAgeMs", s.lastReadingAgeMillis());
        g.writeNumberField("reconnects", s.reconnects());
        g.writeNumberField("framesGood", s.framesGood());
        g.writeNumberField("framesBad", s.framesLrcMismatch() + s.framesBadEndBytes() + s.framesLengthOutOfRange());
        g.writeNumberField("tickGaps", s.tickGaps());
        g.writeNumberField("droppedQueueFull", s.droppedQueueFull());
        if (s.lastError() != null) {
            g.writeStringField("lastError", s.lastError());
        }
        if (s.scoring() != null) {
            scoring(g, s.scoring());
        }
        g.writeEndObject();
    }

    private static void scoring(JsonGenerator g, ScoringStatus sc) throws IOException {
        g.writeObjectFieldStart("scoring");
        g.writeStringField("verdict", sc.verdict());
        number(g, "lastRms", sc.lastRms());
        number(g, "threshold", sc.threshold());
        g.writeNumberField("windows", sc.windows());
        g.writeNumberField("verdictChanges", sc.verdictChanges());
        g.writeNumberField("dropped", sc.droppedHandoff());
        if (sc.model() != null) {
            g.writeStringField("model", sc.model());
            g.writeNumberField("modelLoadedAtMs", sc.modelLoadedAtMillis());
        }
        g.writeArrayFieldStart("recentRms");
        for (double v : sc.recentRms()) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Bridge-wide, once: config reloads are not a sensor's (they were repeated under every scored sensor before). */
    private static void reloads(JsonGenerator g, ReloadStatus r) throws IOException {
        g.writeObjectFieldStart("reloads");
        g.writeNumberField("installed", r.installed());
        g.writeNumberField("refused", r.refused());
        if (r.last() != null) {
            g.writeStringField("last", r.last());
            g.writeBooleanField("lastInstalled", r.lastInstalled());
            g.writeNumberField("lastAtMs", r.lastAtMillis());
        }
        g.writeEndObject();
    }

    private static void spool(JsonGenerator g, SpoolStatus sp) throws IOException {
        g.writeObjectFieldStart("spool");
        g.writeNumberField("bytes", sp.bytes());
        g.writeNumberField("records", sp.records());
        g.writeNumberField("segments", sp.segments());
        g.writeNumberField("oldestAgeMs", sp.oldestAgeMillis());
        g.writeNumberField("writeErrors", sp.writeErrors());
        g.writeNumberField("dropped", sp.dropped());
        g.writeNumberField("missingRecords", sp.missingRecords());
        // older segments still being checked after start: their records are read once checked
        g.writeBooleanField("checking", sp.checking());
        g.writeArrayFieldStart("deadLetters");
        for (DeadLetterStatus d : sp.deadLetters()) {
            g.writeStartObject();
            g.writeStringField("sink", d.sink());
            g.writeStringField("path", d.path());
            g.writeNumberField("parkedRecords", d.parkedRecords());
            g.writeNumberField("fileBytes", d.fileBytes());
            g.writeNumberField("maxBytes", d.maxBytes());
            g.writeNumberField("fullRefusals", d.fullRefusals());
            g.writeBooleanField("full", d.full());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void sink(JsonGenerator g, SinkStatus s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeNumberField("delivered", s.delivered());
        g.writeNumberField("pending", s.pending());
        g.writeNumberField("deadLettered", s.deadLettered());
        g.writeNumberField("lastSuccessAgeMs", s.lastSuccessAgeMillis());
        if (s.problem() != null) {
            g.writeStringField("problem", s.problem());
        }
        g.writeObjectFieldStart("errors");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** JSON has no NaN: unknown numbers are null. */
    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }
}
