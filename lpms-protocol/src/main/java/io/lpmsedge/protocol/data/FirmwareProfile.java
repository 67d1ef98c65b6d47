package io.lpmsedge.protocol.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * What differs between firmware generations of the same LP-BUS (docs/lpms-protocol.md#timestamp, #16-bit-divisors,
 * #stream-rate-encoding): the 16-bit divisors,
 * how the timestamp is read, how SET_STREAM_FREQ is encoded, and which config bit (if any) enables humidity.
 * Immutable; {@code with…} methods override one property and keep the profile's name with a {@code +} mark.
 *
 * <ul>
 *   <li>{@code b2-fw2} (default): current LPMS-B2 firmware (≥ 1.3.5 / 2.0.5, what OpenZen assumes): quaternion and
 *   euler ÷10000, heave ÷1000, pressure ÷100, 400 Hz tick timestamp, rates in Hz.</li>
 *   <li>{@code legacy}: B2 firmware before the "precision fix" (and the 2018 Android/iOS libraries): quaternion
 *   and euler ÷1000, heave ÷100; otherwise as {@code b2-fw2}.</li>
 *   <li>{@code gen1}: first-generation LPMS-B / LPMS-CU: float-seconds timestamp, pressure ÷10, quaternion and
 *   euler ÷1000, heave ÷1000, odd SET_STREAM_FREQ codes.</li>
 * </ul>
 */
public final class FirmwareProfile {
    /** LP-BUS tick: 400 Hz (docs/lpms-protocol.md#timestamp). */
    public static final double TICK_400HZ = 0.0025;

    public static final FirmwareProfile B2_FW2 = new FirmwareProfile(
            "b2-fw2",
            divisors(1000, 1000, 100, 1000, 10000, 10000, 1000, 100, 10, 100, 1000, 100),
            TimestampFormat.TICKS,
            TICK_400HZ,
            -1,
            StreamFrequencyEncoding.HZ);
    public static final FirmwareProfile LEGACY = B2_FW2.withDivisor(Output.QUAT, 1000)
            .withDivisor(Output.EULER, 1000)
            .withDivisor(Output.HEAVE, 100)
            .renamed("legacy");
    public static final FirmwareProfile GEN1 = new FirmwareProfile(
            "gen1",
            divisors(1000, 1000, 100, 1000, 1000, 1000, 1000, 10, 10, 100, 1000, 100),
            TimestampFormat.FLOAT_SECONDS,
            TICK_400HZ,
            -1,
            StreamFrequencyEncoding.GEN1_CODES);
    public static final FirmwareProfile DEFAULT = B2_FW2;

    private static final FirmwareProfile[] BUILT_IN = {B2_FW2, LEGACY, GEN1};

    private final String name;
    private final double[] divisors;
    private final TimestampFormat timestampFormat;
    private final double tickSeconds;
    private final int humidityBit;
    private final StreamFrequencyEncoding streamFrequencyEncoding;

    private FirmwareProfile(
            String name,
            double[] divisors,
            TimestampFormat timestampFormat,
            double tickSeconds,
            int humidityBit,
            StreamFrequencyEncoding streamFrequencyEncoding) {
        this.name = name;
        this.divisors = divisors;
        this.timestampFormat = timestampFormat;
        this.tickSeconds = tickSeconds;
        this.humidityBit = humidityBit;
        this.streamFrequencyEncoding = streamFrequencyEncoding;
    }

    private static double[] divisors(double... byOutputOrdinal) {
        if (byOutputOrdinal.length != Output.values().length) {
            throw new AssertionError("one divisor per output");
        }
        return byOutputOrdinal;
    }

    /** A built-in profile by name: {@code b2-fw2}, {@code legacy} or {@code gen1}. */
    public static FirmwareProfile byName(String name) {
        for (FirmwareProfile p : BUILT_IN) {
            if (p.name.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown firmware profile '" + name + "'; use one of: " + names());
    }

    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (FirmwareProfile p : BUILT_IN) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.name);
        }
        return sb.toString();
    }

    public String name() {
        return name;
    }

    /** What a 16-bit value of this output is divided by to get wire units. */
    public double divisor(Output output) {
        return divisors[output.ordinal()];
    }

    public TimestampFormat timestampFormat() {
        return timestampFormat;
    }

    /** Seconds per timestamp tick (0.0025 on every B2 firmware; 0.00125 on "VR" 800 Hz firmware). */
    public double tickSeconds() {
        return tickSeconds;
    }

    public StreamFrequencyEncoding streamFrequencyEncoding() {
        return streamFrequencyEncoding;
    }

    /** Config bit of an output under this profile, -1 when the firmware has none (humidity by default). */
    public int configBit(Output output) {
        return output == Output.HUMIDITY ? humidityBit : output.configBit();
    }

    public FirmwareProfile withDivisor(Output output, double divisor) {
        if (!(divisor > 0) || Double.isInfinite(divisor)) {
            throw new IllegalArgumentException(
                    "divisor for " + output.key() + " must be a positive number, was " + divisor);
        }
        double[] d = divisors.clone();
        d[output.ordinal()] = divisor;
        return new FirmwareProfile(overridden(), d, timestampFormat, tickSeconds, humidityBit, streamFrequencyEncoding);
    }

    public FirmwareProfile withTimestampFormat(TimestampFormat format) {
        return new FirmwareProfile(overridden(), divisors, format, tickSeconds, humidityBit, streamFrequencyEncoding);
    }

    public FirmwareProfile withTickSeconds(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("tick length must be a positive number of seconds, was " + seconds);
        }
        return new FirmwareProfile(
                overridden(), divisors, timestampFormat, seconds, humidityBit, streamFrequencyEncoding);
    }

    /**
     * Describes a firmware that sends humidity: its config bit (one of the bits the LPMS2 word leaves unused:
     * 28, 29 or 31). Humidity is then read after heave.
     */
    public FirmwareProfile withHumidityBit(int bit) {
        if (bit != 28 && bit != 29 && bit != 31) {
            throw new IllegalArgumentException(
                    "humidity bit must be one of the unused config bits 28, 29, 31; was " + bit);
        }
        return new FirmwareProfile(overridden(), divisors, timestampFormat, tickSeconds, bit, streamFrequencyEncoding);
    }

    public FirmwareProfile withStreamFrequencyEncoding(StreamFrequencyEncoding encoding) {
        return new FirmwareProfile(overridden(), divisors, timestampFormat, tickSeconds, humidityBit, encoding);
    }

    private FirmwareProfile renamed(String newName) {
        return new FirmwareProfile(
                newName, divisors, timestampFormat, tickSeconds, humidityBit, streamFrequencyEncoding);
    }

    private String overridden() {
        return name.endsWith("+") ? name : name + "+";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareProfile p
                && name.equals(p.name)
                && Arrays.equals(divisors, p.divisors)
                && timestampFormat == p.timestampFormat
                && tickSeconds == p.tickSeconds
                && humidityBit == p.humidityBit
                && streamFrequencyEncoding == p.streamFrequencyEncoding;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(divisors);
    }

    @Override
    public String toString() {
        return name;
    }
}
