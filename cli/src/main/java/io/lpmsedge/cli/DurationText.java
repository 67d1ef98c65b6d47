package io.lpmsedge.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations on the command line ({@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 2h}, {@code 0}), one rule for every command. */
public final class DurationText {
    private DurationText() {}

    /**
     * @param option the option's name, for the message ({@code --stop-timeout})
     * @throws IllegalArgumentException naming the option, the text and what to write instead
     */
    public static Duration parse(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            double unitMillis = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 's' -> 1_000;
                case 'm' -> 60_000;
                case 'h' -> 3_600_000;
                default -> Double.NaN;
            };
            double value = Double.parseDouble(t.substring(0, Math.max(0, t.length() - 1)));
            if (!Double.isNaN(unitMillis) && Double.isFinite(value) && value >= 0) {
                return Duration.ofMillis(Math.round(value * unitMillis));
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(
                option + " '" + text + "' is not a duration; write e.g. 500ms, 10s, 5m or 1h");
    }
}
