package io.lpmsedge.simulator.device;

/** What the protocol state machine needs from the sensor runner that owns it. */
public interface DeviceHost {
    /** Sends a reply frame to the host now. */
    void sendReply(byte[] frame);

    /** Answers a GET_SENSOR_DATA poll: sends one data frame of the current sample with this timestamp. */
    void sendPolledSample(long timestampTick);

    /** True sensor temperature, °C. */
    double temperature();

    /** Seconds the sensor has been running (battery discharge). */
    double uptimeSeconds();
}
