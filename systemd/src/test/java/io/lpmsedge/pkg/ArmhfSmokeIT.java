package io.lpmsedge.pkg;

/**
 * The .deb on armhf (32-bit Raspberry Pi OS: Pi Zero 2 W, Pi 3 and older installs) under qemu-user
 * ({@link ForeignArch#ARMHF}): lz4-java has no native there (Kafka's lz4 runs in Java) and snappy-java's does not
 * load (the Kafka sink's check-config refuses snappy, with its reason). Opt-in:
 * {@code mvn -B -Parmhf-smoke -pl systemd -am verify -DskipTests} as root, with qemu-user-static, binfmt-support,
 * debootstrap and systemd-container installed and qemu-arm enabled (docs/verification.md).
 */
class ArmhfSmokeIT extends ForeignArchSmoke {
    ArmhfSmokeIT() {
        super(ForeignArch.ARMHF);
    }
}
