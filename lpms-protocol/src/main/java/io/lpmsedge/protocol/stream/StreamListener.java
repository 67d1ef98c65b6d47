package io.lpmsedge.protocol.stream;

import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameView;

/** Receives what an {@link LpBusStreamDecoder} makes of the stream, in stream order. */
public interface StreamListener {
    /**
     * A decoded data frame. Both arguments are reused for the next frame: copy with {@link Sample#toReading()}
     * (or read the values now) to keep them.
     */
    void onSample(Sample sample, FrameView frame);

    /** Any good frame that is not a decodable data frame: replies, echoed commands, unknown functions. */
    default void onOtherFrame(FrameView frame) {}

    /** A good data frame that could not be decoded (see {@link UndecodableReason}). */
    default void onUndecodable(FrameView frame, UndecodableReason reason) {}
}
