package io.lpmsedge.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.lpmsedge.protocol.data.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The default value format: one JSON object per reading, schema version 1 (docs/delivery.md#record-format): lineage
 * keys, then the data keys of {@code lpms-edge decode}, wire units. Readable with any tool.
 */
public final class JsonRecordFormat implements RecordFormat {
    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean isJson() {
        return true;
    }

    @Override
    public byte[] encode(Reading reading) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512);
                JsonGenerator json = factory.createGenerator(out)) {
            ReadingJson.write(reading, json);
            json.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory: cannot happen
        }
    }
}
