package io.lpmsedge.simulator.scenario;

import io.lpmsedge.simulator.fault.FailureKind;

/**
 * One stretch of a scenario: the machine runs in {@code kind} for {@code seconds} (possibly infinite) at
 * {@code severity} (0 for OK, otherwise (0, 1]).
 */
public record Phase(FailureKind kind, double seconds, double severity) {
    public Phase {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("phase duration must be positive, was " + seconds);
        }
        if (kind == FailureKind.OK ? severity != 0 : !(severity > 0 && severity <= 1)) {
            throw new IllegalArgumentException(
                    kind == FailureKind.OK
                            ? "the ok phase takes no severity"
                            : "severity of " + kind.key() + " must be in (0, 1], was " + severity);
        }
    }

    public boolean failure() {
        return kind != FailureKind.OK;
    }

    @Override
    public String toString() {
        String time = Double.isInfinite(seconds) ? "" : ":" + Durations.format(seconds);
        return kind.key() + time + (failure() ? "@" + severity : "");
    }
}
