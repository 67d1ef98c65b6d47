package io.lpmsedge.simulator.device;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;

/**
 * Power-on state of a simulated sensor; every new session (connection) starts from it.
 *
 * @param config    config word at power-on (rate, outputs, data mode)
 * @param startMode STREAM (like a real B2 after power-on) or COMMAND
 * @param policy    what to do with configuration commands in stream mode
 * @param profile   firmware generation: timestamp format, 16-bit divisors, SET_STREAM_FREQ encoding
 * @param startTick value of the 400 Hz timestamp counter at model time 0 (to reach the 2^32 wrap quickly)
 */
public record DeviceSettings(
        ConfigWord config, SensorMode startMode, StreamModePolicy policy, FirmwareProfile profile, long startTick) {
    public DeviceSettings {
        if (startMode == SensorMode.SLEEP) {
            throw new IllegalArgumentException("a sensor starts in stream or command mode");
        }
    }
}
