package io.lpmsedge.simulator.device;

/** Operating mode of the sensor (docs/lpms-protocol.md#modes) and its GET_STATUS bit. */
public enum SensorMode {
    COMMAND(1),
    STREAM(1 << 1),
    SLEEP(1 << 2);

    private final int statusBit;

    SensorMode(int statusBit) {
        this.statusBit = statusBit;
    }

    public int statusBit() {
        return statusBit;
    }
}
