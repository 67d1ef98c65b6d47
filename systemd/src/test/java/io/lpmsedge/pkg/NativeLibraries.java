package io.lpmsedge.pkg;

import com.fazecast.jSerialComm.SerialPort;
import com.github.luben.zstd.Zstd;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import net.jpountz.lz4.LZ4Factory;
import org.xerial.snappy.Snappy;

/**
 * Loads every native library the Pi package carries, on the machine it runs on, and prints one line per library:
 * {@code native <name>: OK <detail>}, or {@code native <name>: FAILED <the library's own error>}. Run by
 * {@link ForeignArchSmoke} inside an arm64 or armhf Debian root with the package's class path
 * ({@code java -cp '/usr/share/lpms-edge/lib/*:/it-classes' io.lpmsedge.pkg.NativeLibraries [unavailable,...]});
 * exit 1 if any failed. Each check makes the library do real work (a round trip, a port listing), not just load a
 * class.
 *
 * <p>The optional argument names the libraries known to have no working native on this architecture (comma
 * separated, {@link ForeignArch#unavailableNatives()}). For those the line is {@code native <name>: UNAVAILABLE
 * <the library's error>; <what the package does instead>}, and it is a failure if the native works after all: then
 * the package's workaround (and docs/verification.md) is out of date.
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    public static void main(String[] args) {
        Set<String> unavailable = args.length == 0 ? Set.of() : Set.of(args[0].split(","));
        byte[] data = "lpms-edge native round trip ".repeat(64).getBytes(StandardCharsets.UTF_8);
        Map<String, Callable<String>> checks = new LinkedHashMap<>();
        checks.put(
                "jSerialComm",
                () -> SerialPort.getVersion() + ", " + SerialPort.getCommPorts().length + " port(s) listed");
        checks.put("zstd-jni", () -> {
            byte[] packed = Zstd.compress(data, 3);
            return roundTrip(data, Zstd.decompress(packed, data.length), packed.length);
        });
        checks.put("lz4-java", () -> lz4(LZ4Factory.nativeInstance(), data)); // throws when no JNI build loads
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
        // What the package relies on where a library has no working native (the UNAVAILABLE lines).
        Map<String, Callable<String>> instead = Map.of(
                "lz4-java",
                // Kafka's lz4 codec takes LZ4Factory.fastestInstance(): the JNI build if it loads, else Java.
                () -> "Kafka's lz4 uses " + lz4(LZ4Factory.fastestInstance(), data),
                "snappy-java",
                () -> "the Kafka sink's check-config refuses compression.type = \"snappy\" here");
        int failed = 0;
        for (Map.Entry<String, Callable<String>> check : checks.entrySet()) {
            String name = check.getKey();
            String result;
            try {
                String detail = check.getValue().call();
                if (unavailable.contains(name)) {
                    failed++;
                    result = "FAILED it works here, but the package assumes it does not: " + detail;
                } else {
                    result = "OK " + detail;
                }
            } catch (Exception | LinkageError e) {
                if (unavailable.contains(name) && !(rootCause(e) instanceof ClassNotFoundException)) {
                    try {
                        result = "UNAVAILABLE " + describe(e) + "; "
                                + instead.get(name).call();
                    } catch (Exception | LinkageError f) {
                        failed++;
                        result = "FAILED no native here (" + describe(e) + "), and what replaces it failed: "
                                + describe(f);
                    }
                } else {
                    failed++;
                    result = "FAILED " + describe(e);
                }
            }
            System.out.println("native " + name + ": " + result);
        }
        System.out.println("os.arch " + System.getProperty("os.arch") + ", " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static String lz4(LZ4Factory factory, byte[] data) {
        byte[] packed = factory.fastCompressor().compress(data);
        return factory + ", "
                + roundTrip(data, factory.fastDecompressor().decompress(packed, data.length), packed.length);
    }

    private static String describe(Throwable e) {
        Throwable cause = rootCause(e);
        return e + (cause != e ? " (cause: " + cause + ")" : "");
    }

    /** The innermost cause: a missing class (not in the package's jars) is a failure even where no native works. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Copies a library out of the class path and loads it: UnsatisfiedLinkError when it does not link here. */
    private static void systemLoad(String resource) throws IOException {
        Path dir = Files.createTempDirectory("native-check");
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FileNotFoundException(resource + " is not in the package's jars");
            }
            Files.copy(in, file);
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
