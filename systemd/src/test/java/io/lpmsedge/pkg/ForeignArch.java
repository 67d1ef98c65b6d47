package io.lpmsedge.pkg;

import java.util.List;

/**
 * A Debian architecture of the Raspberry Pi that {@link ForeignArchSmoke} tests the .deb on under qemu-user, with
 * what is known to differ there.
 *
 * @param debian the Debian architecture ({@code dpkg --print-architecture}), also the root's and the profile's name
 * @param unameMachine what {@code uname -m} says under qemu-user for it
 * @param osArch the JVM's {@code os.arch}
 * @param wordBits 64 or 32: a 32-bit root runs from a copy on tmpfs (see {@link ForeignArchSmoke})
 * @param binfmt the binfmt_misc entry that runs its binaries ({@code /proc/sys/fs/binfmt_misc/<binfmt>}), made by
 *     qemu-user-static's {@code <binfmt>-static}
 * @param unavailableNatives the native libraries of the package that do not work there, and are known not to
 *     ({@link NativeLibraries}' argument)
 * @param snappyRefused whether the Kafka sink's check-config refuses {@code compression.type = "snappy"} there
 */
record ForeignArch(
        String debian,
        String unameMachine,
        String osArch,
        int wordBits,
        String binfmt,
        List<String> unavailableNatives,
        boolean snappyRefused) {

    /** 64-bit Raspberry Pi OS: every native works. */
    static final ForeignArch ARM64 =
            new ForeignArch("arm64", "aarch64", "aarch64", 64, "qemu-aarch64", List.of(), false);

    /**
     * 32-bit Raspberry Pi OS (armhf): lz4-java ships no 32-bit ARM build (Kafka's lz4 runs lz4-java's Java codec);
     * snappy-java's armv7 build is soft-float and does not link against hard-float glibc (the sink refuses snappy).
     */
    static final ForeignArch ARMHF =
            new ForeignArch("armhf", "armv7l", "arm", 32, "qemu-arm", List.of("lz4-java", "snappy-java"), true);

    /** The Maven profile that runs the test, and the system property it sets. */
    String profile() {
        return debian + "-smoke";
    }

    String optInProperty() {
        return "lpmsedge.it." + debian;
    }

    String command() {
        return "mvn -B -P" + profile() + " -pl systemd -am verify -DskipTests (as root; docs/verification.md)";
    }
}
