package io.lpmsedge.protocol.frame;

/**
 * Constants and the checksum of the LP-BUS frame (docs/lpms-protocol.md#frame).
 *
 * <pre>3A | id lo id hi | fn lo fn hi | len lo len hi | payload[len] | lrc lo lrc hi | 0D 0A</pre>
 */
public final class LpBus {
    public static final byte START = 0x3A;
    public static final byte END_1 = 0x0D;
    public static final byte END_2 = 0x0A;
    /** Bytes before the payload: start, id, function, length. */
    public static final int HEADER_LENGTH = 7;
    /** Bytes a frame has besides its payload: header, LRC, end bytes. */
    public static final int OVERHEAD = 11;
    /**
     * Largest payload accepted. The B2 never streams more than 108 bytes; flash-log and firmware replies are
     * longer but below 1024. Anything above is taken as a framing error so that a corrupted length field can
     * never make the decoder wait for, or buffer, an absurd amount of data (docs/lpms-protocol.md#length-bound).
     */
    public static final int MAX_PAYLOAD = 1024;

    public static final int MAX_FRAME = MAX_PAYLOAD + OVERHEAD;

    private LpBus() {}

    /**
     * LRC = (id + function + length + Σ payload bytes) mod 2^16, the header fields added as 16-bit values
     * (docs/lpms-protocol.md#checksum-lrc: what the open firmware and every B2-era host library compute).
     */
    public static int lrc(int sensorId, int function, byte[] buf, int payloadOffset, int payloadLength) {
        int sum = sensorId + function + payloadLength;
        int end = payloadOffset + payloadLength;
        for (int i = payloadOffset; i < end; i++) {
            sum += buf[i] & 0xFF;
        }
        return sum & 0xFFFF;
    }
}
