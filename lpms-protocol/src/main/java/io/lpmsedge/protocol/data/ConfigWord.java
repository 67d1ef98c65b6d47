package io.lpmsedge.protocol.data;

/**
 * The 32-bit word a sensor answers to GET_CONFIG (docs/lpms-protocol.md#config-word): stream-rate code in bits 0–2, one
 * bit per
 * output, bit 22 for 16-bit data mode. Data frames must be decoded with the word read back from the sensor.
 */
public record ConfigWord(int value) {
    public static final int SIXTEEN_BIT = 1 << 22;

    /** Parses a hex word, with or without {@code 0x}: {@code 0x00003E00} or {@code 3E00}. */
    public static ConfigWord parse(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        try {
            return new ConfigWord(Integer.parseUnsignedInt(t, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config word '" + text
                    + "' is not a 32-bit hex number; write it like 0x00003E00 (gyro+acc+mag+pressure+temperature)");
        }
    }

    /** A word with the given outputs, rate and data mode, as a sensor would report it. */
    public static ConfigWord of(int rateHz, boolean sixteenBit, Output... outputs) {
        return new ConfigWord(rateCode(rateHz) | Output.mask(outputs) | (sixteenBit ? SIXTEEN_BIT : 0));
    }

    /**
     * Stream-rate code (bits 0–2) for a rate in Hz, 800 Hz ("VR" firmware) included; throws for rates no code
     * stands for. Whether an LPMS-B2 streams at the rate is {@link StreamRates#supported}'s question.
     */
    public static int rateCode(int rateHz) {
        int code = StreamRates.codeOf(rateHz);
        if (code < 0) {
            throw new IllegalArgumentException("stream rate " + rateHz + " Hz has no config-word code; the LPMS-B2 "
                    + "streams at " + StreamRates.SUPPORTED_TEXT + " Hz");
        }
        return code;
    }

    public boolean sixteenBit() {
        return (value & SIXTEEN_BIT) != 0;
    }

    public int rateCode() {
        return value & 7;
    }

    public int rateHz() {
        return StreamRates.hzOf(rateCode());
    }

    public boolean has(Output output, FirmwareProfile profile) {
        int bit = profile.configBit(output);
        return bit >= 0 && (value & (1 << bit)) != 0;
    }

    public ConfigWord withSixteenBit(boolean on) {
        return new ConfigWord(on ? value | SIXTEEN_BIT : value & ~SIXTEEN_BIT);
    }

    public ConfigWord withRateHz(int rateHz) {
        return new ConfigWord((value & ~7) | rateCode(rateHz));
    }

    /** Replaces the output bits (those of the LP-BUS outputs) with {@code mask}. */
    public ConfigWord withOutputMask(int mask) {
        int all = Output.mask(Output.values());
        return new ConfigWord((value & ~all) | (mask & all));
    }

    /**
     * Payload length a data frame must have under this word: 4 + components × (4 or 2)
     * (docs/lpms-protocol.md#payload-length).
     */
    public int payloadLength(FirmwareProfile profile) {
        int components = 0;
        for (Output o : Output.values()) {
            if (has(o, profile)) {
                components += o.components();
            }
        }
        return 4 + components * (sixteenBit() ? 2 : 4);
    }

    public String hex() {
        return String.format("0x%08X", value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
