package io.lpmsedge.protocol.frame;

import java.util.Arrays;

/**
 * Flyweight over one good frame inside the decoder's buffer: no copy, no allocation. Valid only during
 * {@link FrameListener#onFrame}.
 */
public final class FrameView {
    private byte[] buf;
    private int frameOffset;
    private int sensorId;
    private int function;
    private int payloadLength;
    private long streamOffset;
    private long receivedAtNanos;

    void set(
            byte[] buf,
            int frameOffset,
            int sensorId,
            int function,
            int payloadLength,
            long streamOffset,
            long receivedAtNanos) {
        this.buf = buf;
        this.frameOffset = frameOffset;
        this.sensorId = sensorId;
        this.function = function;
        this.payloadLength = payloadLength;
        this.streamOffset = streamOffset;
        this.receivedAtNanos = receivedAtNanos;
    }

    /** Sensor ("OpenMAT") id of the frame, 0–65535. */
    public int sensorId() {
        return sensorId;
    }

    /** Function (command) number, 0–65535. */
    public int function() {
        return function;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Whole frame length: payload + 11. */
    public int frameLength() {
        return payloadLength + LpBus.OVERHEAD;
    }

    /** Offset of the frame's start byte in the whole stream fed to the decoder. */
    public long streamOffset() {
        return streamOffset;
    }

    /** Host receive time the caller gave with the chunk that completed this frame (0 when not given). */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** The array holding the payload; read it from {@link #payloadOffset()} only during the callback. */
    public byte[] buffer() {
        return buf;
    }

    public int payloadOffset() {
        return frameOffset + LpBus.HEADER_LENGTH;
    }

    public byte[] copyPayload() {
        int from = payloadOffset();
        return Arrays.copyOfRange(buf, from, from + payloadLength);
    }

    public byte[] copyFrame() {
        return Arrays.copyOfRange(buf, frameOffset, frameOffset + frameLength());
    }
}
