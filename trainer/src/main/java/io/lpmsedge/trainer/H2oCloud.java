package io.lpmsedge.trainer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import water.ExtensionManager;
import water.H2O;

/**
 * A one-node H2O cloud inside this JVM (docs/h2o-models.md#one-node-cloud). H2O is a per-process singleton that
 * cannot be stopped and restarted, so this is the one place with static state: started once, on first use.
 * Loopback only, a flatfile (no multicast), a unique name and a free port pair, no web UI.
 */
public final class H2oCloud {
    private static final Object LOCK = new Object();
    private static boolean started;

    private H2oCloud() {}

    /** Starts H2O if this JVM has not yet; later calls return at once. */
    public static void ensureStarted() {
        synchronized (LOCK) {
            if (started) {
                return;
            }
            if (!Object.class.getModule().isOpen("java.lang", H2oCloud.class.getModule())) {
                throw new IllegalStateException(
                        "H2O needs java.lang opened to it: run the JVM with " + JvmFlags.ADD_OPENS);
            }
            int feature = Runtime.version().feature();
            if (feature > 17) {
                // H2O 3.44 refuses Java > 17 unless told; it trains bit-identically on 25
                // (docs/h2o-models.md#jvm-flags).
                System.setProperty("sys.ai.h2o.debug.allowJavaVersions", Integer.toString(feature));
            }
            try {
                Path ice = Files.createTempDirectory("lpms-edge-h2o-");
                // H2O keeps logs and spill files there for the life of the JVM; remove them when it ends.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(ice), "lpms-edge-h2o-cleanup"));
                int port = freePortPair();
                Path flatfile = ice.resolve("flatfile.txt");
                Files.writeString(flatfile, "127.0.0.1:" + port + "\n");
                H2O.main(new String[] {
                    "-name",
                    "lpms-edge-trainer-" + ProcessHandle.current().pid() + "-" + port,
                    "-ip",
                    "127.0.0.1",
                    "-port",
                    Integer.toString(port),
                    "-flatfile",
                    flatfile.toString(),
                    "-disable_web",
                    "-log_level",
                    "WARN",
                    "-ice_root",
                    ice.toString()
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare H2O's working directory: " + e.getMessage(), e);
            }
            // Registers the REST schemas the MOJO writer needs (without it getMojo().writeTo fails).
            ExtensionManager.getInstance().registerRestApiExtensions();
            H2O.waitForCloudSize(1, 30_000);
            started = true;
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort at exit: a leftover log directory in the temp dir is harmless.
        }
    }

    /** H2O binds {@code port} and {@code port + 1}; find a pair that is free now. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0)) {
                p = s.getLocalPort();
            }
            if (p < 65535 && free(p + 1)) {
                return p;
            }
        }
        throw new IOException("no two consecutive free TCP ports found for H2O");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
