package io.lpmsedge.pkg;

/**
 * The .deb on arm64 (64-bit Raspberry Pi OS) under qemu-user, where every native library the package carries works
 * ({@link ForeignArch#ARM64}). Opt-in: {@code mvn -B -Parm64-smoke -pl systemd -am verify -DskipTests} as root, with
 * qemu-user-static, binfmt-support, debootstrap and systemd-container installed (docs/verification.md).
 */
class Arm64SmokeIT extends ForeignArchSmoke {
    Arm64SmokeIT() {
        super(ForeignArch.ARM64);
    }
}
