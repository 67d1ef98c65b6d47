package io.lpmsedge.simulator.device;

import io.lpmsedge.protocol.command.FirmwareVersion;
import io.lpmsedge.protocol.data.FirmwareProfile;

/**
 * What the sensor says about itself. docs/lpms-protocol.md#open-questions leaves the real formats of device name and
 * firmware info open; the simulator uses names a bridge can show and that say they are simulated.
 */
public record DeviceIdentity(
        int imuId, String serialNumber, String deviceName, String firmwareInfo, FirmwareVersion firmwareVersion) {
    /** A plausible identity for sensor {@code imuId} of firmware {@code profile}; the serial comes from the seed. */
    public static DeviceIdentity simulated(int imuId, long seed, FirmwareProfile profile) {
        FirmwareVersion version;
        if (profile.name().startsWith("gen1")) {
            version = new FirmwareVersion(1, 3, 2);
        } else if (profile.name().startsWith("legacy")) {
            version = new FirmwareVersion(2, 0, 3);
        } else {
            version = new FirmwareVersion(2, 0, 7);
        }
        String serial = String.format("SIM-B2-%08X", (int) (seed ^ (seed >>> 32)));
        return new DeviceIdentity(
                imuId, serial, String.format("LPMSB2-SIM-%04d", imuId % 10000), "LPMS-B2 SIM", version);
    }
}
