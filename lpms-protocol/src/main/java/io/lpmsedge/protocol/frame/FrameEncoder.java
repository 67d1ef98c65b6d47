package io.lpmsedge.protocol.frame;

/** Writes LP-BUS frames: header, payload, LRC, end bytes. */
public final class FrameEncoder {
    private FrameEncoder() {}

    /** A new frame around {@code payload}. */
    public static byte[] encode(int sensorId, int function, byte[] payload) {
        byte[] out = new byte[payload.length + LpBus.OVERHEAD];
        System.arraycopy(payload, 0, out, LpBus.HEADER_LENGTH, payload.length);
        return seal(sensorId, function, out, 0, payload.length);
    }

    /**
     * Completes a frame whose payload was already written at {@code out[frameOffset + 7]}: writes the header
     * before it and the LRC and end bytes after it; no copy. Returns {@code out}.
     */
    public static byte[] seal(int sensorId, int function, byte[] out, int frameOffset, int payloadLength) {
        checkU16("sensor id", sensorId);
        checkU16("function", function);
        if (payloadLength < 0 || payloadLength > LpBus.MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                    "payload length must be 0.." + LpBus.MAX_PAYLOAD + ", was " + payloadLength);
        }
        out[frameOffset] = LpBus.START;
        LittleEndian.putU16(out, frameOffset + 1, sensorId);
        LittleEndian.putU16(out, frameOffset + 3, function);
        LittleEndian.putU16(out, frameOffset + 5, payloadLength);
        int payloadOffset = frameOffset + LpBus.HEADER_LENGTH;
        int lrcAt = payloadOffset + payloadLength;
        LittleEndian.putU16(out, lrcAt, LpBus.lrc(sensorId, function, out, payloadOffset, payloadLength));
        out[lrcAt + 2] = LpBus.END_1;
        out[lrcAt + 3] = LpBus.END_2;
        return out;
    }

    private static void checkU16(String what, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535, was " + v);
        }
    }
}
