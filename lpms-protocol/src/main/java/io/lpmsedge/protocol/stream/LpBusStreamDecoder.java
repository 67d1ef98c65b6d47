package io.lpmsedge.protocol.stream;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.DataLayout;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.data.SensorDataCodec;
import io.lpmsedge.protocol.data.TickUnwrapper;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.FrameListener;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.frame.LittleEndian;
import java.util.Optional;

/**
 * Bytes of one sensor link in, samples out: a {@link FrameDecoder} plus the data-frame decoding of
 * docs/lpms-protocol.md#data-frames.
 *
 * <p>Data frames are decoded with the config word of the last GET_CONFIG reply that passed through the stream,
 * or, before any, with the word the caller supplied. Sample time comes from the unwrapped tick counter. The
 * data path allocates nothing: one {@link Sample} is refilled per frame.
 *
 * <p>Not thread-safe: one per link, fed from its reader thread.
 */
public final class LpBusStreamDecoder implements FrameListener {
    private final FrameDecoder frames;
    private final FirmwareProfile profile;
    private final StreamListener listener;
    private final Sample sample = new Sample();
    private final TickUnwrapper unwrapper = new TickUnwrapper();
    private ConfigWord configWord;
    private DataLayout layout;
    private long dataFrames;
    private long noConfigWord;
    private long lengthMismatch;

    /**
     * @param configWord the word to decode with until a GET_CONFIG reply is seen; {@code null} if unknown
     */
    public LpBusStreamDecoder(FirmwareProfile profile, ConfigWord configWord, StreamListener listener) {
        this(new FrameDecoder(), profile, configWord, listener);
    }

    public LpBusStreamDecoder(
            FrameDecoder frames, FirmwareProfile profile, ConfigWord configWord, StreamListener listener) {
        this.frames = frames;
        this.profile = profile;
        this.listener = listener;
        setConfigWord(configWord);
    }

    public void feed(byte[] src, int off, int len) {
        frames.feed(src, off, len, 0L, this);
    }

    /** Feeds a chunk read at {@code receivedAtNanos} (epoch ns); every sample it completes carries that time. */
    public void feed(byte[] src, int off, int len, long receivedAtNanos) {
        frames.feed(src, off, len, receivedAtNanos, this);
    }

    /** See {@link FrameDecoder#endOfStream}. */
    public void endOfStream() {
        frames.endOfStream(this);
    }

    /** Forgets buffered bytes and the tick history, keeping counters: call on reconnect. */
    public void resetLink() {
        frames.reset();
        unwrapper.reset();
    }

    public void setConfigWord(ConfigWord word) {
        this.configWord = word;
        this.layout = word == null ? null : new DataLayout(word, profile);
    }

    public Optional<ConfigWord> configWord() {
        return Optional.ofNullable(configWord);
    }

    public FirmwareProfile profile() {
        return profile;
    }

    public FrameDecoder frameDecoder() {
        return frames;
    }

    public DecoderCounters.Snapshot frameCounters() {
        return frames.counters().snapshot();
    }

    public long dataFrames() {
        return dataFrames;
    }

    public long undecodable(UndecodableReason reason) {
        return reason == UndecodableReason.NO_CONFIG_WORD ? noConfigWord : lengthMismatch;
    }

    @Override
    public void onFrame(FrameView frame) {
        int function = frame.function();
        int length = frame.payloadLength();
        // A host's GET_SENSOR_DATA poll has no payload; only the sensor's answer carries a timestamp.
        if (function == FunctionCode.GET_SENSOR_DATA.code() && length >= 4) {
            if (configWord == null) {
                noConfigWord++;
                listener.onUndecodable(frame, UndecodableReason.NO_CONFIG_WORD);
                return;
            }
            if (length != layout.payloadLength()) {
                lengthMismatch++;
                listener.onUndecodable(frame, UndecodableReason.LENGTH_MISMATCH);
                return;
            }
            long tick = SensorDataCodec.decode(frame.buffer(), frame.payloadOffset(), layout, sample);
            long unwrapped = unwrapper.unwrap(tick);
            sample.header(frame.sensorId(), tick, SensorDataCodec.seconds(unwrapped, profile), frame.receivedAtNanos());
            dataFrames++;
            listener.onSample(sample, frame);
            return;
        }
        if (function == FunctionCode.GET_CONFIG.code() && length == 4) {
            setConfigWord(new ConfigWord(LittleEndian.i32(frame.buffer(), frame.payloadOffset())));
        }
        listener.onOtherFrame(frame);
    }
}
