package io.lpmsedge.simulator.scenario;

import java.util.Locale;

/** Parses and prints human durations: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1.5h}, or bare seconds. */
public final class Durations {
    private Durations() {}

    /** Seconds of a duration text; throws {@link IllegalArgumentException} with a hint when malformed. */
    public static double parseSeconds(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        String number = t;
        if (t.endsWith("ms")) {
            factor = 0.001;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factor = 3600;
            number = t.substring(0, t.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 30s, 10m or 1.5h");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("duration '" + text + "' must be positive");
        }
        return v * factor;
    }

    public static String format(double seconds) {
        if (Double.isInfinite(seconds)) {
            return "forever";
        }
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return (long) (seconds / 3600) + "h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return (long) (seconds / 60) + "m";
        }
        return String.format(Locale.ROOT, "%gs", seconds).replaceAll("\\.?0+s$", "s");
    }
}
