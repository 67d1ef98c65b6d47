package io.lpmsedge.protocol.command;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.frame.LittleEndian;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parses sensor replies. Never throws: a frame whose payload does not have the shape its function's reply
 * has (a host command echoed on the line, a truncated reply) yields empty.
 */
public final class Replies {
    private Replies() {}

    /** The reply value of a frame with this function and payload, if it is a well-formed reply. */
    public static Optional<ReplyValue> parse(int function, byte[] b, int off, int len) {
        FunctionCode f = FunctionCode.of(function);
        if (f == null) {
            return Optional.empty();
        }
        ReplyValue v = switch (f) {
            case REPLY_ACK -> len == 0 ? new ReplyValue.Ack() : null;
            case REPLY_NACK -> len == 0 ? new ReplyValue.Nack() : null;
            case GET_CONFIG -> len == 4 ? new ReplyValue.Config(new ConfigWord(LittleEndian.i32(b, off))) : null;
            case GET_STATUS -> len == 4 ? new ReplyValue.Status(LittleEndian.i32(b, off)) : null;
            case GET_FIRMWARE_VERSION ->
                len == 12
                        ? new ReplyValue.Version(new FirmwareVersion(
                                LittleEndian.i32(b, off + 8), LittleEndian.i32(b, off + 4), LittleEndian.i32(b, off)))
                        : null;
            case GET_SERIAL_NUMBER, GET_DEVICE_NAME, GET_FIRMWARE_INFO ->
                len > 0 ? new ReplyValue.Text(text(b, off, len)) : null;
            case GET_IMU_ID, GET_CHARGING_STATUS -> len == 4 ? new ReplyValue.Int(LittleEndian.i32(b, off)) : null;
            case GET_PING -> len == 4 ? new ReplyValue.Int(LittleEndian.u32(b, off)) : null;
            case GET_BATTERY_LEVEL, GET_BATTERY_VOLTAGE, GET_SENSOR_TEMPERATURE ->
                len == 4 ? new ReplyValue.Float32(LittleEndian.f32(b, off)) : null;
            default -> null;
        };
        return Optional.ofNullable(v);
    }

    /** ASCII up to the first NUL; bytes outside printable ASCII become '?'. */
    static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        byte[] copy = new byte[end - off];
        for (int i = 0; i < copy.length; i++) {
            byte c = b[off + i];
            copy[i] = c >= 0x20 && c < 0x7F ? c : (byte) '?';
        }
        return new String(copy, StandardCharsets.US_ASCII);
    }
}
