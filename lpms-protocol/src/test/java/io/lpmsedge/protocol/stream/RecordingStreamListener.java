package io.lpmsedge.protocol.stream;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameView;
import java.util.ArrayList;
import java.util.List;

/** Test helper: keeps every reading, every other frame's function name and every undecodable reason. */
public final class RecordingStreamListener implements StreamListener {
    public final List<Reading> readings = new ArrayList<>();
    public final List<Long> readingOffsets = new ArrayList<>();
    public final List<String> others = new ArrayList<>();
    public final List<UndecodableReason> undecodable = new ArrayList<>();

    @Override
    public void onSample(Sample sample, FrameView frame) {
        readings.add(sample.toReading());
        readingOffsets.add(frame.streamOffset());
    }

    @Override
    public void onOtherFrame(FrameView frame) {
        others.add(FunctionCode.nameOf(frame.function()));
    }

    @Override
    public void onUndecodable(FrameView frame, UndecodableReason reason) {
        undecodable.add(reason);
    }
}
