package io.lpmsedge.cli.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.Replies;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.frame.LittleEndian;
import io.lpmsedge.protocol.stream.StreamListener;
import io.lpmsedge.protocol.stream.UndecodableReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Writes one JSON object per good frame (JSON Lines), in stream order. Doubles are printed in their shortest
 * round-trip form (Jackson's Schubfach writer), so a 32-bit value prints as the float widened to double.
 */
final class FrameJsonWriter implements StreamListener, AutoCloseable {
    private static final Output[] OUTPUTS = Output.values();

    private final JsonGenerator json;
    private final boolean stopOnMissingConfig;
    private UndecodableReason fatal;

    FrameJsonWriter(Writer out, boolean stopOnMissingConfig) {
        try {
            this.json = JsonFactory.builder()
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build()
                    .createGenerator(out)
                    // stdout belongs to the caller: flush it, never close it.
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
        this.stopOnMissingConfig = stopOnMissingConfig;
    }

    /** Set when a frame arrived that makes the rest of the capture meaningless (no config word). */
    UndecodableReason fatal() {
        return fatal;
    }

    @Override
    public void onSample(Sample s, FrameView frame) {
        if (fatal != null) {
            return;
        }
        try {
            begin(frame);
            json.writeNumberField("ticks", s.tick());
            json.writeNumberField("t", s.sensorTime());
            for (Output o : OUTPUTS) {
                if (!s.has(o)) {
                    continue;
                }
                if (o.components() == 1) {
                    json.writeNumberField(o.key(), s.get(o, 0));
                } else {
                    json.writeArrayFieldStart(o.key());
                    for (int i = 0; i < o.components(); i++) {
                        json.writeNumber(s.get(o, i));
                    }
                    json.writeEndArray();
                }
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onOtherFrame(FrameView frame) {
        if (fatal != null) {
            return;
        }
        try {
            begin(frame);
            json.writeStringField("name", FunctionCode.nameOf(frame.function()));
            writeValue(frame);
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onUndecodable(FrameView frame, UndecodableReason reason) {
        if (fatal != null) {
            return;
        }
        if (reason == UndecodableReason.NO_CONFIG_WORD && stopOnMissingConfig) {
            fatal = reason;
            return;
        }
        try {
            begin(frame);
            json.writeStringField("name", FunctionCode.nameOf(frame.function()));
            json.writeStringField("error", reason.label());
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void begin(FrameView frame) throws IOException {
        json.writeStartObject();
        json.writeNumberField("offset", frame.streamOffset());
        json.writeNumberField("sensorId", frame.sensorId());
        json.writeNumberField("function", frame.function());
        json.writeNumberField("length", frame.payloadLength());
    }

    private void end() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeValue(FrameView frame) throws IOException {
        byte[] b = frame.buffer();
        int off = frame.payloadOffset();
        int len = frame.payloadLength();
        Optional<ReplyValue> reply = Replies.parse(frame.function(), b, off, len);
        if (reply.isPresent()) {
            ReplyValue v = reply.get();
            if (v instanceof ReplyValue.Config c) {
                json.writeStringField("value", c.word().hex());
            } else if (v instanceof ReplyValue.Status st) {
                json.writeStringField("value", String.format("0x%08X", st.bits()));
            } else if (v instanceof ReplyValue.Version ver) {
                json.writeStringField("value", ver.version().toString());
            } else if (v instanceof ReplyValue.Text t) {
                json.writeStringField("value", t.text());
            } else if (v instanceof ReplyValue.Int i) {
                json.writeNumberField("value", i.value());
            } else if (v instanceof ReplyValue.Float32 f) {
                json.writeNumberField("value", (double) f.value());
            }
            return;
        }
        // Host commands with a 32-bit argument (seen in captures of both directions).
        FunctionCode f = FunctionCode.of(frame.function());
        if (f != null && len == 4) {
            switch (f) {
                case SET_TRANSMIT_DATA ->
                    json.writeStringField("value", String.format("0x%08X", LittleEndian.i32(b, off)));
                case SET_STREAM_FREQ, SET_LPBUS_DATA_MODE, SET_TIMESTAMP, SET_IMU_ID ->
                    json.writeNumberField("value", LittleEndian.u32(b, off));
                default -> {}
            }
        }
    }

    void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
