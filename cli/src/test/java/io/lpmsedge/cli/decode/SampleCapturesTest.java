package io.lpmsedge.cli.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed sample captures are exactly what {@link SampleCaptures} generates. To regenerate after a
 * deliberate change: {@code mvn -pl cli test -Dtest=SampleCapturesTest -Dsamples.regenerate=true}.
 */
class SampleCapturesTest {
    static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void spindleCaptureIsUpToDate() throws IOException {
        check("spindle-100hz.bin", SampleCaptures.spindle());
    }

    @Test
    void noisyLinkCaptureIsUpToDate() throws IOException {
        check("spindle-100hz-noisy-link.bin", SampleCaptures.noisyLink());
    }

    private static void check(String name, byte[] expected) throws IOException {
        Path file = SAMPLES.resolve(name);
        if (Boolean.getBoolean("samples.regenerate")) {
            Files.write(file, expected);
        }
        assertArrayEquals(expected, Files.readAllBytes(file), name + " differs from its generator; regenerate it");
    }
}
