package io.lpmsedge.protocol.frame;

/** Receives each good frame from a {@link FrameDecoder}. */
@FunctionalInterface
public interface FrameListener {
    /**
     * Called once per good frame, in stream order. The view and the bytes behind it are only valid during the
     * call: the decoder reuses both. Copy what must outlive it.
     */
    void onFrame(FrameView frame);
}
