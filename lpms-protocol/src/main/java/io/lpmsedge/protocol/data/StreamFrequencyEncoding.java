package io.lpmsedge.protocol.data;

/**
 * How SET_STREAM_FREQ expresses a rate: it differs by firmware generation (docs/lpms-protocol.md#stream-rate-encoding).
 */
public enum StreamFrequencyEncoding {
    /** LPMS-B2-era firmware: the rate in Hz. */
    HZ,
    /** First-generation firmware: 25 Hz is sent as 30, 400 as 300, 800 as 500; the others literally. */
    GEN1_CODES;

    public int encode(int rateHz) {
        ConfigWord.rateCode(rateHz); // validates
        if (this == HZ) {
            return rateHz;
        }
        return switch (rateHz) {
            case 25 -> 30;
            case 400 -> 300;
            case 800 -> 500;
            default -> rateHz;
        };
    }

    /** The rate a received SET_STREAM_FREQ value asks for, or -1 if this generation has no such value. */
    public int decode(long value) {
        for (int hz : StreamRates.codeRates()) {
            if (encode(hz) == value) {
                return hz;
            }
        }
        return -1;
    }
}
