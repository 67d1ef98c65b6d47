package io.lpmsedge.fleet.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.fleet.FleetView;
import io.lpmsedge.record.status.StatusEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** {@code /api/fleet}: a {@link FleetView} as JSON (layout in docs/fleet.md "/api/fleet"; field names are stable). */
final class FleetJson {
    private final JsonFactory factory = new JsonFactory();

    void write(FleetView v, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("time", v.timeMillis());
            g.writeBooleanField("caughtUp", v.caughtUp());
            g.writeArrayFieldStart("bridges");
            for (FleetView.Bridge b : v.bridges()) {
                bridge(g, b);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("problems");
            g.writeNumberField("total", v.problems().total());
            g.writeObjectFieldStart("byKind");
            for (Map.Entry<String, Long> e : v.problems().byKind().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("recent");
            for (FleetView.Problem p : v.problems().recent()) {
                g.writeStartObject();
                g.writeNumberField("time", p.atMillis());
                g.writeStringField("kind", p.kind());
                g.writeStringField("where", p.where());
                g.writeStringField("message", p.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void bridge(JsonGenerator g, FleetView.Bridge b) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", b.name());
        g.writeStringField("state", b.liveness().state().name());
        nullable(g, "offlineReason", b.liveness().reason());
        nullable(g, "bootId", b.bootId());
        nullable(g, "version", b.version());
        g.writeNumberField("uptimeMs", b.uptimeMillis());
        g.writeNumberField("lastSeenAgeMs", b.lastSeenAgeMillis());
        g.writeNumberField("intervalMs", b.intervalMillis());
        g.writeNumberField("restarts", b.restarts());
        g.writeArrayFieldStart("clashBootIds");
        for (String id : b.clashBootIds()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeNumberField("clockAheadMs", b.clockAheadMillis());
        if (b.spool() != null) {
            StatusEvent.Spool sp = b.spool();
            g.writeObjectFieldStart("spool");
            g.writeNumberField("bytes", sp.bytes());
            g.writeNumberField("maxBytes", sp.maxBytes());
            g.writeNumberField("records", sp.records());
            g.writeNumberField("oldestAgeMs", sp.oldestAgeMillis());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("sinks");
        for (StatusEvent.Sink s : b.sinks()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeNumberField("pending", s.pending());
            g.writeNumberField("lastSuccessAgeMs", s.lastSuccessAgeMillis());
            nullable(g, "lastError", s.lastError());
            g.writeNumberField("errors", s.errors());
            nullable(g, "problem", s.problem());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("machines");
        for (FleetView.Machine m : b.machines()) {
            machine(g, m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void machine(JsonGenerator g, FleetView.Machine m) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", m.name());
        g.writeStringField("display", m.display());
        nullable(g, "why", m.why());
        nullable(g, "link", m.link());
        g.writeNumberField("rate", m.rate());
        g.writeNumberField("dataAgeMs", m.dataAgeMillis());
        g.writeNumberField("badFrames", m.badFrames());
        nullable(g, "edgeVerdict", m.edgeVerdict());
        nullable(g, "model", m.model());
        nullable(g, "clusterVerdict", m.clusterVerdict());
        if (m.lastChange() == null) {
            g.writeNullField("lastChange");
        } else {
            g.writeObjectFieldStart("lastChange");
            g.writeStringField("verdict", m.lastChange().verdict());
            g.writeStringField("previous", m.lastChange().previous());
            g.writeNumberField("time", m.lastChange().atMillis());
            g.writeStringField("source", m.lastChange().source());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void nullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
