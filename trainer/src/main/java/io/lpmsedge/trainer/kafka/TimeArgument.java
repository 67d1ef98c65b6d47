package io.lpmsedge.trainer.kafka;

import io.lpmsedge.cli.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A point in time on the command line ({@code --from}, {@code --to}), in the forms a plant engineer has at hand:
 * an ISO-8601 instant ({@code 2026-12-04T10:00:00Z}, {@code 2026-12-04T11:00:00+01:00}); a local date-time or
 * date in the clock's time zone ({@code 2026-12-04T11:00}, {@code 2026-12-04 11:00:30}, {@code 2026-12-04} =
 * its midnight), which is what a wall clock on the shop floor shows; or relative to now ({@code now}, {@code -2h},
 * {@code -90m}, {@code -30s}, {@code -1d}; the units of {@link DurationText} plus days), which is what "the last
 * N minutes of normal running" needs.
 */
public final class TimeArgument {
    private TimeArgument() {}

    /**
     * @param option the option's name, for the message
     * @param clock  "now" and the local time zone
     * @throws IllegalArgumentException naming the option, the text and the accepted forms
     */
    public static Instant parse(String option, String text, Clock clock) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        if (t.startsWith("-")) {
            return clock.instant().minus(relative(option, text, t.substring(1)));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset: try local forms
        }
        String local = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
        try {
            return LocalDateTime.parse(local).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(local).atStartOfDay(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(forms(option, text, clock));
        }
    }

    private static Duration relative(String option, String text, String amount) {
        String a = amount.strip().toLowerCase(Locale.ROOT);
        try {
            if (a.endsWith("d")) {
                double days = Double.parseDouble(a.substring(0, a.length() - 1));
                if (Double.isFinite(days) && days >= 0) {
                    return Duration.ofSeconds(Math.round(days * 86_400));
                }
            } else {
                return DurationText.parse(option, a);
            }
        } catch (IllegalArgumentException e) {
            // the message below covers every form
        }
        throw new IllegalArgumentException(
                option + " '" + text + "' is not a time before now; write e.g. -30s, " + "-90m, -2h or -1d");
    }

    private static String forms(String option, String text, Clock clock) {
        return option + " '" + text + "' is not a time; write an ISO-8601 instant (2026-12-04T10:00:00Z or "
                + "2026-12-04T11:00:00+01:00), a local date-time in " + clock.getZone() + " (2026-12-04T11:00 or "
                + "'2026-12-04 11:00:30'), a date (its midnight), 'now' or a time before now (-30m, -2h, -1d)";
    }
}
