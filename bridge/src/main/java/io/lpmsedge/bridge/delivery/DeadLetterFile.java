package io.lpmsedge.bridge.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.bridge.spool.SpooledRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * Records a sink refused for good (a client error no resend can fix), parked one JSON object per line with the
 * reason, so that nothing is silently dropped and an operator can replay them after a fix.
 */
public final class DeadLetterFile {
    private final Path path;
    private final JsonFactory json = new JsonFactory();

    public DeadLetterFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public synchronized void park(String sink, SpooledRecord r, String reason) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = json.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("sink", sink);
            g.writeStringField("reason", reason == null ? "" : reason);
            g.writeNumberField("spoolOffset", r.offset());
            g.writeStringField("topic", r.entry().topic());
            g.writeStringField("key", r.entry().key());
            g.writeStringField("valueBase64", Base64.getEncoder().encodeToString(r.entry().value()));
            g.writeEndObject();
        }
        line.write('\n');
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
