package io.lpmsedge.scorer.modelset;

import java.util.regex.Pattern;

/**
 * Which sensors a model scores: an exact sensor name ({@code spindle-3}) or a glob with {@code *} (any run of
 * characters, also none) and {@code ?} (exactly one character), e.g. {@code arm-*}. Sensor names are
 * {@code [A-Za-z0-9][A-Za-z0-9._-]*} (the bridge's rule), so {@code *} and {@code ?} can never be part of a name
 * and nothing else needs escaping; any other character is refused, so a typo like {@code arm-[1-3]} fails at
 * start instead of silently matching no sensor.
 *
 * @param text the pattern as written in the model set
 */
public record SensorPattern(String text) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._*?-]{1,64}");

    public SensorPattern {
        if (text == null || !ALLOWED.matcher(text).matches()) {
            throw new IllegalArgumentException("sensor pattern '" + text + "' is not a sensor name or glob; use "
                    + "letters, digits, '.', '_', '-' and the wildcards '*' (any characters) and '?' (one character), "
                    + "e.g. \"arm-*\" or \"spindle-3\"");
        }
    }

    /** Whether this pattern names exactly one sensor (no wildcard). */
    public boolean exact() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    /**
     * Glob match without regex (this runs for every new sensor lane): the classic two-pointer walk that
     * remembers the last {@code *} and retries from one character further on a mismatch. Linear in practice
     * for names of at most 64 characters.
     */
    public boolean matches(String sensor) {
        int p = 0;
        int s = 0;
        int star = -1;
        int resume = 0;
        while (s < sensor.length()) {
            if (p < text.length() && (text.charAt(p) == '?' || text.charAt(p) == sensor.charAt(s))) {
                p++;
                s++;
            } else if (p < text.length() && text.charAt(p) == '*') {
                star = p++;
                resume = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < text.length() && text.charAt(p) == '*') {
            p++;
        }
        return p == text.length();
    }

    /** Whether every sensor this pattern could match is matched by {@code earlier} too (it can never win). */
    boolean shadowedBy(SensorPattern earlier) {
        if (earlier.text.equals(text)) {
            return true;
        }
        if (exact()) {
            return earlier.matches(text);
        }
        // Globs: only the certain case; a general glob-inclusion test is not worth its complexity here.
        return earlier.text.chars().allMatch(c -> c == '*');
    }

    @Override
    public String toString() {
        return text;
    }
}
