package io.lpmsedge.protocol.data;

/**
 * The stream rates, in one place: the rate each config-word rate code stands for, and the subset an LPMS-B2
 * streams at. Code 7 (800 Hz) exists only on special "VR" firmware: the word can say it and first-generation
 * firmware can be asked for it, but no LPMS-B2 streams at it, so configuration refuses it.
 */
public final class StreamRates {
    /** Rate in Hz of config-word rate codes 0–7 (bits 0–2 of GET_CONFIG's word). */
    private static final int[] HZ_BY_CODE = {5, 10, 25, 50, 100, 200, 400, 800};

    private static final int VR_ONLY_HZ = 800;

    /** The supported rates as an error message lists them. */
    public static final String SUPPORTED_TEXT = "5, 10, 25, 50, 100, 200 or 400";

    private StreamRates() {}

    /** Whether an LPMS-B2 streams at {@code hz}: what a configuration may ask for. */
    public static boolean supported(long hz) {
        return hz != VR_ONLY_HZ && codeOf(hz) >= 0;
    }

    /** The config-word rate code for {@code hz}, 800 Hz included; -1 when no code stands for it. */
    public static int codeOf(long hz) {
        for (int code = 0; code < HZ_BY_CODE.length; code++) {
            if (HZ_BY_CODE[code] == hz) {
                return code;
            }
        }
        return -1;
    }

    /** The rate a config-word rate code (0–7) stands for. */
    public static int hzOf(int code) {
        return HZ_BY_CODE[code];
    }

    /** Every rate a rate code can stand for, in code order. */
    public static int[] codeRates() {
        return HZ_BY_CODE.clone();
    }
}
