package io.lpmsedge.protocol.command;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.SampleFields;
import io.lpmsedge.protocol.data.SensorDataCodec;
import io.lpmsedge.protocol.frame.FrameEncoder;
import io.lpmsedge.protocol.frame.LittleEndian;
import io.lpmsedge.protocol.frame.LpBus;
import java.nio.charset.StandardCharsets;

/** Encodes what a sensor sends: ACK/NACK, value replies and data frames. Used by the simulator and tests. */
public final class SensorReplies {
    /** Width of GET_SERIAL_NUMBER's char field (docs/lpms-protocol.md#function-codes). */
    public static final int SERIAL_NUMBER_WIDTH = 24;
    /** Width of GET_DEVICE_NAME's and GET_FIRMWARE_INFO's char fields. */
    public static final int NAME_WIDTH = 16;

    private SensorReplies() {}

    public static byte[] ack(int sensorId) {
        return FrameEncoder.encode(sensorId, FunctionCode.REPLY_ACK.code(), new byte[0]);
    }

    public static byte[] nack(int sensorId) {
        return FrameEncoder.encode(sensorId, FunctionCode.REPLY_NACK.code(), new byte[0]);
    }

    public static byte[] config(int sensorId, ConfigWord word) {
        return HostCommands.u32(sensorId, FunctionCode.GET_CONFIG, word.value());
    }

    public static byte[] status(int sensorId, int statusBits) {
        return HostCommands.u32(sensorId, FunctionCode.GET_STATUS, statusBits);
    }

    public static byte[] imuId(int sensorId) {
        return HostCommands.u32(sensorId, FunctionCode.GET_IMU_ID, sensorId);
    }

    public static byte[] ping(int sensorId, long tick) {
        return HostCommands.u32(sensorId, FunctionCode.GET_PING, (int) tick);
    }

    /** Sent as three int32: build, minor, major. */
    public static byte[] firmwareVersion(int sensorId, FirmwareVersion version) {
        byte[] p = new byte[12];
        LittleEndian.putI32(p, 0, version.build());
        LittleEndian.putI32(p, 4, version.minor());
        LittleEndian.putI32(p, 8, version.major());
        return FrameEncoder.encode(sensorId, FunctionCode.GET_FIRMWARE_VERSION.code(), p);
    }

    /** A float32 value reply: battery level (%), battery voltage (V), sensor temperature (°C). */
    public static byte[] float32(int sensorId, FunctionCode function, float value) {
        byte[] p = new byte[4];
        LittleEndian.putF32(p, 0, value);
        return FrameEncoder.encode(sensorId, function.code(), p);
    }

    public static byte[] int32(int sensorId, FunctionCode function, int value) {
        return HostCommands.u32(sensorId, function, value);
    }

    /** A fixed-width, NUL-padded ASCII reply (serial number, device name, firmware info). */
    public static byte[] text(int sensorId, FunctionCode function, String text, int width) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width) {
            throw new IllegalArgumentException("'" + text + "' is longer than the " + width + "-byte field");
        }
        byte[] p = new byte[width];
        System.arraycopy(bytes, 0, p, 0, bytes.length);
        return FrameEncoder.encode(sensorId, function.code(), p);
    }

    /** A data frame (function 9) as a new array. */
    public static byte[] data(int sensorId, long tick, SampleFields fields, ConfigWord word, FirmwareProfile profile) {
        byte[] out = new byte[word.payloadLength(profile) + LpBus.OVERHEAD];
        writeData(sensorId, tick, fields, word, profile, out, 0);
        return out;
    }

    /**
     * Writes a data frame into {@code out} at {@code offset} without allocating; returns the frame length.
     * {@code out} needs {@code word.payloadLength(profile) + 11} bytes from {@code offset}.
     */
    public static int writeData(
            int sensorId,
            long tick,
            SampleFields fields,
            ConfigWord word,
            FirmwareProfile profile,
            byte[] out,
            int offset) {
        int n = SensorDataCodec.encode(tick, fields, word, profile, out, offset + LpBus.HEADER_LENGTH);
        FrameEncoder.seal(sensorId, FunctionCode.GET_SENSOR_DATA.code(), out, offset, n);
        return n + LpBus.OVERHEAD;
    }
}
