package io.lpmsedge.pkg;

import com.fazecast.jSerialComm.SerialPort;
import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.xerial.snappy.Snappy;

/**
 * Loads every native library the Pi package carries, on the machine it runs on, and prints one line per library:
 * {@code native <name>: OK <detail>} or {@code native <name>: FAILED <the library's own error>}. Run by
 * {@link Arm64SmokeIT} inside an arm64 Debian root with the package's class path
 * ({@code java -cp '/usr/share/lpms-edge/lib/*:/it-classes' io.lpmsedge.pkg.NativeLibraries}); exit 1 if any
 * failed. Each check makes the library do real work (a round trip, a port listing), not just load a class.
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    public static void main(String[] args) {
        byte[] data = "lpms-edge native round trip ".repeat(64).getBytes(StandardCharsets.UTF_8);
        Map<String, Callable<String>> checks = new LinkedHashMap<>();
        checks.put(
                "jSerialComm",
                () -> SerialPort.getVersion() + ", " + SerialPort.getCommPorts().length + " port(s) listed");
        checks.put("zstd-jni", () -> {
            byte[] packed = Zstd.compress(data, 3);
            byte[] back = Zstd.decompress(packed, data.length);
            return roundTrip(data, back, packed.length);
        });
        checks.put("lz4-java", () -> {
            LZ4Factory factory = LZ4Factory.nativeInstance(); // throws when the JNI build does not load
            LZ4Compressor compressor = factory.fastCompressor();
            byte[] packed = compressor.compress(data);
            return roundTrip(data, factory.fastDecompressor().decompress(packed, data.length), packed.length);
        });
        checks.put("snappy-java", () -> {
            byte[] packed = Snappy.compress(data);
            return roundTrip(data, Snappy.uncompress(packed), packed.length);
        });
        // Pi4J loads libgpiod + its JNI glue only on a board it recognises (not in an emulated root): load the
        // bundled files the way Pi4J does (System.load: the dynamic linker resolves them and their dependencies on
        // this architecture, or throws). Driving a line needs a Pi (docs/verification.md).
        checks.put("pi4j-gpiod", () -> {
            String dir = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "armhf";
            for (String lib : new String[] {"libgpiod.so", "libpi4j-gpiod.so"}) {
                systemLoad("/lib/" + dir + "/pi4j-gpiod/" + lib);
            }
            return "lib/" + dir + "/pi4j-gpiod/libgpiod.so and libpi4j-gpiod.so loaded";
        });
        int failed = 0;
        for (Map.Entry<String, Callable<String>> check : checks.entrySet()) {
            try {
                System.out.println(
                        "native " + check.getKey() + ": OK " + check.getValue().call());
            } catch (Exception | LinkageError e) {
                failed++;
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                System.out.println(
                        "native " + check.getKey() + ": FAILED " + e + (cause != e ? " (cause: " + cause + ")" : ""));
            }
        }
        System.out.println("os.arch " + System.getProperty("os.arch") + ", " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Copies a library out of the class path and loads it: UnsatisfiedLinkError when it does not link here. */
    private static void systemLoad(String resource) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("native-check");
        java.nio.file.Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (java.io.InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new java.io.FileNotFoundException(resource + " is not in the package's jars");
            }
            java.nio.file.Files.copy(in, file);
        }
        System.load(file.toString());
    }

    private static String roundTrip(byte[] in, byte[] out, int packed) {
        if (!Arrays.equals(in, out)) {
            throw new IllegalStateException("round trip changed the bytes");
        }
        return "round trip of " + in.length + " bytes via " + packed;
    }
}
