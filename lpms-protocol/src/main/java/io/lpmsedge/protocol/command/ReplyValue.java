package io.lpmsedge.protocol.command;

import io.lpmsedge.protocol.data.ConfigWord;

/** The decoded value of a sensor reply frame. */
public sealed interface ReplyValue {
    /** REPLY_ACK. */
    record Ack() implements ReplyValue {}

    /** REPLY_NACK: the sensor refused the last command. */
    record Nack() implements ReplyValue {}

    /** GET_CONFIG. */
    record Config(ConfigWord word) implements ReplyValue {}

    /** GET_STATUS: bit0 command mode, bit1 stream mode, bit2 sleep, bit3 gyro calibration running, … */
    record Status(int bits) implements ReplyValue {
        public boolean commandMode() {
            return (bits & 1) != 0;
        }

        public boolean streamMode() {
            return (bits & 2) != 0;
        }
    }

    record Version(FirmwareVersion version) implements ReplyValue {}

    /** GET_SERIAL_NUMBER, GET_DEVICE_NAME, GET_FIRMWARE_INFO: ASCII, NUL padding removed. */
    record Text(String text) implements ReplyValue {}

    /** GET_IMU_ID, GET_CHARGING_STATUS, GET_PING (tick). */
    record Int(long value) implements ReplyValue {}

    /** GET_BATTERY_LEVEL (%), GET_BATTERY_VOLTAGE (V), GET_SENSOR_TEMPERATURE (°C). */
    record Float32(float value) implements ReplyValue {}
}
