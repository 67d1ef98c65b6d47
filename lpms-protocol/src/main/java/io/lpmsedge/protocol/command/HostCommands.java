package io.lpmsedge.protocol.command;

import io.lpmsedge.protocol.data.StreamFrequencyEncoding;
import io.lpmsedge.protocol.frame.FrameEncoder;
import io.lpmsedge.protocol.frame.LittleEndian;

/**
 * Encodes the host → sensor commands a bridge needs (docs/lpms-protocol.md#function-codes, #start-up-sequence). Each
 * method returns a complete frame.
 * The host sends id 1 by default, or the id it has seen from the sensor (docs/lpms-protocol.md#sensor-id).
 */
public final class HostCommands {
    private HostCommands() {}

    public static byte[] gotoCommandMode(int sensorId) {
        return empty(sensorId, FunctionCode.GOTO_COMMAND_MODE);
    }

    public static byte[] gotoStreamMode(int sensorId) {
        return empty(sensorId, FunctionCode.GOTO_STREAM_MODE);
    }

    public static byte[] gotoSleepMode(int sensorId) {
        return empty(sensorId, FunctionCode.GOTO_SLEEP_MODE);
    }

    public static byte[] getConfig(int sensorId) {
        return empty(sensorId, FunctionCode.GET_CONFIG);
    }

    public static byte[] getStatus(int sensorId) {
        return empty(sensorId, FunctionCode.GET_STATUS);
    }

    /** Polls one data frame in command mode. */
    public static byte[] getSensorData(int sensorId) {
        return empty(sensorId, FunctionCode.GET_SENSOR_DATA);
    }

    /**
     * SET_TRANSMIT_DATA with the output bits only (the firmware masks the rest;
     * docs/lpms-protocol.md#where-the-sources-disagree).
     */
    public static byte[] setTransmitData(int sensorId, int outputMask) {
        return u32(sensorId, FunctionCode.SET_TRANSMIT_DATA, outputMask);
    }

    /**
     * SET_STREAM_FREQ with the rate encoded as the sensor's firmware expects
     * (docs/lpms-protocol.md#stream-rate-encoding).
     */
    public static byte[] setStreamFreq(int sensorId, int rateHz, StreamFrequencyEncoding encoding) {
        return u32(sensorId, FunctionCode.SET_STREAM_FREQ, encoding.encode(rateHz));
    }

    /** SET_LPBUS_DATA_MODE: 1 = 16-bit fixed point, 0 = 32-bit float. */
    public static byte[] setDataMode(int sensorId, boolean sixteenBit) {
        return u32(sensorId, FunctionCode.SET_LPBUS_DATA_MODE, sixteenBit ? 1 : 0);
    }

    /** SET_TIMESTAMP: sets the 400 Hz tick counter (0 restarts it). */
    public static byte[] setTimestamp(int sensorId, long tick) {
        return u32(sensorId, FunctionCode.SET_TIMESTAMP, (int) tick);
    }

    public static byte[] getFirmwareVersion(int sensorId) {
        return empty(sensorId, FunctionCode.GET_FIRMWARE_VERSION);
    }

    public static byte[] getFirmwareInfo(int sensorId) {
        return empty(sensorId, FunctionCode.GET_FIRMWARE_INFO);
    }

    public static byte[] getSerialNumber(int sensorId) {
        return empty(sensorId, FunctionCode.GET_SERIAL_NUMBER);
    }

    public static byte[] getDeviceName(int sensorId) {
        return empty(sensorId, FunctionCode.GET_DEVICE_NAME);
    }

    public static byte[] getImuId(int sensorId) {
        return empty(sensorId, FunctionCode.GET_IMU_ID);
    }

    public static byte[] getBatteryLevel(int sensorId) {
        return empty(sensorId, FunctionCode.GET_BATTERY_LEVEL);
    }

    public static byte[] getPing(int sensorId) {
        return empty(sensorId, FunctionCode.GET_PING);
    }

    /** Any payload-less command. */
    public static byte[] empty(int sensorId, FunctionCode function) {
        return FrameEncoder.encode(sensorId, function.code(), new byte[0]);
    }

    static byte[] u32(int sensorId, FunctionCode function, int value) {
        byte[] payload = new byte[4];
        LittleEndian.putI32(payload, 0, value);
        return FrameEncoder.encode(sensorId, function.code(), payload);
    }
}
