package io.lpmsedge.scorer.input;

import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.StreamListener;
import io.lpmsedge.protocol.stream.UndecodableReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An LP-BUS capture through the project's stream decoder; the capture must start with a GET_CONFIG reply. */
final class CaptureReader {
    private final FirmwareProfile profile;

    CaptureReader(FirmwareProfile profile) {
        this.profile = profile;
    }

    void read(Path file, RecordSink sink) throws InputException {
        Listener listener = new Listener(sink);
        LpBusStreamDecoder decoder = new LpBusStreamDecoder(profile, null, listener);
        listener.decoder = decoder;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            int n;
            while (!listener.noConfig && (n = in.read(chunk)) >= 0) {
                decoder.feed(chunk, 0, n);
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
        if (listener.noConfig) {
            throw new InputException("capture '" + file + "' has data frames before any GET_CONFIG reply, so their "
                    + "layout is unknown; record captures from the sensor's configuration onward (the bridge and "
                    + "simulator do), or decode it with 'lpms-edge decode --config-word' to JSON Lines and score that");
        }
        decoder.endOfStream();
        if (listener.row == 0) {
            throw new InputException("capture '" + file + "' has no decodable data frames; is it an LP-BUS capture?");
        }
    }

    private static final class Listener implements StreamListener {
        private final RecordSink sink;
        private final java.util.Set<Integer> announced = new java.util.HashSet<>();
        private LpBusStreamDecoder decoder;
        private long row;
        private boolean noConfig;

        Listener(RecordSink sink) {
            this.sink = sink;
        }

        @Override
        public void onSample(Sample s, FrameView frame) {
            if (!noConfig) {
                String sensor = Integer.toString(s.sensorId());
                if (announced.add(s.sensorId())) {
                    decoder.configWord().ifPresent(w -> sink.configuredRate(sensor, w.rateHz()));
                }
                sink.reading(row++, sensor, s, s.sensorTime(), null);
            }
        }

        @Override
        public void onUndecodable(FrameView frame, UndecodableReason reason) {
            if (reason == UndecodableReason.NO_CONFIG_WORD) {
                noConfig = true;
            }
        }
    }
}
