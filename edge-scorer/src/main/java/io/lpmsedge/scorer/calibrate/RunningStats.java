package io.lpmsedge.scorer.calibrate;

/** Count, mean and sample standard deviation in one pass (Welford), stable for millions of small errors. */
public final class RunningStats {
    private long n;
    private double mean;
    private double m2;

    public void add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }

    public long count() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Sample standard deviation (n − 1), as H2O's {@code Vec.sigma()} and the 2017 threshold used. */
    public double sampleSd() {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }
}
