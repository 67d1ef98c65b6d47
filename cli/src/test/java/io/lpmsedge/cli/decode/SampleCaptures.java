package io.lpmsedge.cli.decode;

import io.lpmsedge.protocol.command.FirmwareVersion;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Generates the sample captures shipped in {@code samples/} (see {@link SampleCapturesTest}, which checks the
 * committed files are exactly what this produces). A sensor on a spindle housing at 100 Hz: gravity on z, a
 * 25 Hz vibration, slow drift in temperature; what the first minute of a capture looks like.
 */
final class SampleCaptures {
    static final ConfigWord WORD =
            ConfigWord.of(100, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE);
    static final int FRAMES = 500;
    static final int FRAME_BYTES = WORD.payloadLength(FirmwareProfile.B2_FW2) + 11;

    private SampleCaptures() {}

    /** Firmware-version and config replies, then {@value FRAMES} data frames at 100 Hz (4 ticks apart). */
    static byte[] spindle() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SensorReplies.firmwareVersion(1, new FirmwareVersion(2, 0, 5)));
        out.writeBytes(SensorReplies.config(1, WORD));
        Sample s = new Sample();
        long tick = 120_000;
        for (int i = 0; i < FRAMES; i++, tick += 4) {
            double t = i / 100.0;
            double vib = 0.02 * Math.sin(2 * Math.PI * 25 * t);
            s.clear()
                    .set(Output.GYRO, 0.01 * Math.sin(2 * Math.PI * 0.5 * t), -0.004, 0.002 + vib / 10)
                    .set(Output.ACC, 0.012 + vib, -0.031, -0.998 + vib / 2)
                    .set(Output.MAG, 18.25, -3.5, 44.0 + 0.1 * Math.sin(t))
                    .set(Output.PRESSURE, 101.325 - 0.001 * t)
                    .set(Output.TEMPERATURE, 24.0 + 0.05 * t);
            out.writeBytes(SensorReplies.data(1, tick, s, WORD, FirmwareProfile.B2_FW2));
        }
        return out.toByteArray();
    }

    /**
     * The same capture as a noisy Bluetooth link delivers it: one bit flip (LRC mismatch), one frame whose end
     * bytes are damaged, 13 bytes of garbage, one frame cut short, and the capture ends mid-frame.
     * Of the 500 data frames 496 arrive whole: the flipped, damaged, cut and final ones are lost.
     */
    static byte[] noisyLink() {
        byte[] clean = spindle();
        int header = clean.length - FRAMES * FRAME_BYTES;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            byte[] f = Arrays.copyOfRange(clean, header + i * FRAME_BYTES, header + (i + 1) * FRAME_BYTES);
            if (i == 0) {
                out.write(clean, 0, header);
            }
            if (i == 100) {
                f[20] ^= 0x10;
            } else if (i == 200) {
                f[FRAME_BYTES - 1] = 0x0B;
            } else if (i == 300) {
                out.writeBytes(
                        new byte[] {0x00, (byte) 0xFF, 0x13, 0x0D, 0x0A, 0x55, 0x55, 0x55, 0x01, 0x02, 0x03, 0x04, 0x05
                        });
            } else if (i == 400) {
                f = Arrays.copyOf(f, 30);
            } else if (i == FRAMES - 1) {
                f = Arrays.copyOf(f, 40);
            }
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}
