package io.lpmsedge.simulator;

import io.lpmsedge.protocol.command.Replies;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.StreamListener;
import io.lpmsedge.protocol.stream.UndecodableReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test side of a link: the project's decoder fed with what the simulator sent, keeping readings and replies. */
final class Decoded implements StreamListener {
    final List<Reading> readings = new ArrayList<>();
    final List<Integer> payloadLengths = new ArrayList<>();
    final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    final LpBusStreamDecoder decoder;
    long undecodable;

    Decoded(ConfigWord word) {
        decoder = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, this);
    }

    Decoded(FirmwareProfile profile, ConfigWord word) {
        decoder = new LpBusStreamDecoder(profile, word, this);
    }

    static Decoded of(byte[] bytes) {
        Decoded d = new Decoded(null);
        d.decoder.feed(bytes, 0, bytes.length);
        d.decoder.endOfStream();
        return d;
    }

    @Override
    public synchronized void onSample(Sample sample, FrameView frame) {
        readings.add(sample.toReading());
        payloadLengths.add(frame.payloadLength());
    }

    @Override
    public void onOtherFrame(FrameView frame) {
        Object v = Replies.parse(frame.function(), frame.buffer(), frame.payloadOffset(), frame.payloadLength())
                .map(r -> (Object) r)
                .orElse("function " + frame.function());
        replies.add(v);
    }

    @Override
    public void onUndecodable(FrameView frame, UndecodableReason reason) {
        undecodable++;
    }

    DecoderCounters.Snapshot counters() {
        return decoder.frameCounters();
    }

    synchronized List<Reading> readings() {
        return new ArrayList<>(readings);
    }

    /** Frames missing between consecutive readings, from the tick steps (tick counter unwrapped). */
    long missingFrames(int ticksPerFrame) {
        long missing = 0;
        List<Reading> r = readings();
        for (int i = 1; i < r.size(); i++) {
            double dt = r.get(i).sensorTime() - r.get(i - 1).sensorTime();
            long steps = Math.round(dt / 0.0025) / ticksPerFrame;
            missing += steps - 1;
        }
        return missing;
    }

    static boolean isAck(Object o) {
        return o instanceof ReplyValue.Ack;
    }
}
