package io.lpmsedge.protocol.command;

/** Reply to GET_FIRMWARE_VERSION: three int32 sent as build, minor, major (docs/lpms-protocol.md#function-codes). */
public record FirmwareVersion(int major, int minor, int build) {
    @Override
    public String toString() {
        return major + "." + minor + "." + build;
    }
}
