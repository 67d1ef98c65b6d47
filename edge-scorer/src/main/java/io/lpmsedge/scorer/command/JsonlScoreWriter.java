package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.scorer.window.WindowResult;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: {@code {"row":i,"score":s}} per row, {@code {"window":k,"firstRow":a,"rows":n,"rms":r,
 * "verdict":"OK"}} when a window closes (right after its last row), then {@code {"summary":{…}}}. Readings
 * inputs add {@code "sensor"}; CSV inputs add their pass-through columns to each row object.
 */
final class JsonlScoreWriter implements ScoreWriter {
    private final JsonGenerator json;
    private final List<String> extraNames;
    private final boolean withSensor;

    JsonlScoreWriter(Writer out, List<String> extraNames, boolean withSensor) throws IOException {
        this.json = JsonFactory.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build()
                .createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
        json.setCodec(new ObjectMapper());
        this.extraNames = extraNames;
        this.withSensor = withSensor;
    }

    @Override
    public void row(String sensor, long row, double score, String[] extras) throws IOException {
        json.writeStartObject();
        if (withSensor) {
            json.writeStringField("sensor", sensor);
        }
        json.writeNumberField("row", row);
        json.writeNumberField("score", score);
        for (int i = 0; i < extras.length; i++) {
            json.writeStringField(extraNames.get(i), extras[i]);
        }
        end();
    }

    @Override
    public void window(String sensor, WindowResult w) throws IOException {
        json.writeStartObject();
        if (withSensor) {
            json.writeStringField("sensor", sensor);
        }
        json.writeNumberField("window", w.window());
        json.writeNumberField("firstRow", w.firstRow());
        json.writeNumberField("rows", w.rows());
        json.writeNumberField("rms", w.rms());
        if (!Double.isNaN(w.endTime())) {
            // Sensor seconds on the input's clock: what a label file's start,end are written in.
            json.writeNumberField("startTime", w.startTime());
            json.writeNumberField("endTime", w.endTime());
        }
        json.writeStringField("verdict", w.verdict().name());
        if (w.changed()) {
            json.writeBooleanField("changed", true);
        }
        end();
    }

    @Override
    public void summary(Map<String, Object> summary) throws IOException {
        json.writeStartObject();
        json.writeObjectField("summary", summary);
        end();
    }

    private void end() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
