package io.lpmsedge.scorer.input;

/**
 * What one sensor's stream in an input file looks like before it is scored: how many readings, at what rate.
 *
 * @param sensor            the sensor key in the file ({@code csv} for a column CSV)
 * @param readings          readings (or CSV rows) of this sensor
 * @param medianStepSeconds median time between consecutive samples (per frame where the file counts frames,
 *                          so a lost frame does not skew it); NaN when the input has no time
 * @param configuredRateHz  the rate the sensor's config word announced (captures), 0 when unknown
 * @param framed            whether the input numbers this sensor's samples (LpmsControl's FrameNumber)
 */
public record StreamProfile(
        String sensor, long readings, double medianStepSeconds, int configuredRateHz, boolean framed) {
    /** The LPMS-B2 stream rates; a measured rate within 5 % of one is that rate (timestamps jitter). */
    private static final int[] LPMS_RATES = {5, 10, 25, 50, 100, 200, 400};

    public boolean hasTime() {
        return medianStepSeconds > 0;
    }

    /** Measured from the data: 1 / median step, NaN without time. */
    public double measuredRateHz() {
        return hasTime() ? 1 / medianStepSeconds : Double.NaN;
    }

    /**
     * The measured rate as a manifest states it: the LPMS rate it is within 5 % of, else rounded to 1 mHz;
     * NaN without time.
     */
    public double nominalRateHz() {
        double r = measuredRateHz();
        if (Double.isNaN(r)) {
            return r;
        }
        for (int lpms : LPMS_RATES) {
            if (Math.abs(r - lpms) <= 0.05 * lpms) {
                return lpms;
            }
        }
        return Math.round(r * 1000) / 1000.0;
    }
}
