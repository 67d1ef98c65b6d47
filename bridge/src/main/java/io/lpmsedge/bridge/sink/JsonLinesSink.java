package io.lpmsedge.bridge.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.lpmsedge.protocol.data.Reading;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** One JSON object per reading, one per line, appended to a file or written to standard output. */
public final class JsonLinesSink implements ReadingSink {
    private final OutputStream out;
    private final JsonGenerator json;
    private final boolean closeTarget;

    private JsonLinesSink(OutputStream out, boolean closeTarget) throws IOException {
        this.out = out;
        this.closeTarget = closeTarget;
        this.json = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build()
                .createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
    }

    /** {@code -} writes to standard output; anything else is a file, created if missing and appended to. */
    public static JsonLinesSink open(String path) throws IOException {
        if (path.equals("-")) {
            return new JsonLinesSink(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        }
        Path file = Path.of(path);
        OutputStream os = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new JsonLinesSink(new BufferedOutputStream(os, 1 << 16), true);
    }

    /** For tests and embedding: writes to {@code out} and never closes it. */
    public static JsonLinesSink to(OutputStream out) throws IOException {
        return new JsonLinesSink(out, false);
    }

    @Override
    public void write(List<Reading> batch) throws IOException {
        for (Reading r : batch) {
            ReadingJson.write(r, json);
            json.writeRaw('\n');
        }
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.flush();
        json.close();
        if (closeTarget) {
            out.close();
        } else {
            out.flush();
        }
    }
}
