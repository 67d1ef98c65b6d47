package io.lpmsedge.simulator.scenario;

import io.lpmsedge.simulator.fault.FailureKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule of machine states, e.g. {@code ok:10m,bearing:2m@0.3,ok:5m}. After the last phase the machine
 * stays in that last state (so {@code ok:1m,bearing:1m@0.5} ends up failing for good, as machines do).
 */
public record Scenario(List<Phase> phases) {
    /** Severity used when a failure phase does not give one. */
    public static final double DEFAULT_SEVERITY = 0.5;

    public Scenario {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one phase");
        }
        phases = List.copyOf(phases);
    }

    /** Healthy forever: {@code --mode ok}. */
    public static Scenario ok() {
        return new Scenario(List.of(new Phase(FailureKind.OK, Double.POSITIVE_INFINITY, 0)));
    }

    /** One failure from the start, forever: {@code --mode failure}. */
    public static Scenario failure(FailureKind kind, double severity) {
        return new Scenario(List.of(new Phase(kind, Double.POSITIVE_INFINITY, severity)));
    }

    /**
     * Parses {@code KIND:DURATION[@SEVERITY],…}; the last phase may omit its duration (it lasts forever).
     * Kinds: {@link FailureKind#keys()}.
     */
    public static Scenario parse(String text) {
        String[] parts = text.split(",");
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty phase in scenario '" + text + "'");
            }
            double severity = 0;
            int at = p.indexOf('@');
            String head = p;
            if (at >= 0) {
                head = p.substring(0, at);
                try {
                    severity = Double.parseDouble(p.substring(at + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "severity in '" + p + "' is not a number; write e.g. bearing:2m@0.3");
                }
            }
            int colon = head.indexOf(':');
            String kindText = colon < 0 ? head : head.substring(0, colon);
            FailureKind kind = FailureKind.byKey(kindText);
            double seconds;
            if (colon < 0) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("phase '" + p
                            + "' needs a duration (only the last may omit it); " + "write e.g. ok:10m,bearing:2m@0.3");
                }
                seconds = Double.POSITIVE_INFINITY;
            } else {
                seconds = Durations.parseSeconds(head.substring(colon + 1));
            }
            if (kind != FailureKind.OK && at < 0) {
                severity = DEFAULT_SEVERITY;
            }
            if (kind == FailureKind.OK && at >= 0) {
                throw new IllegalArgumentException("phase '" + p + "': ok takes no @severity");
            }
            phases.add(new Phase(kind, seconds, severity));
        }
        return new Scenario(phases);
    }

    /** Total scheduled time in seconds (infinite if a phase is). */
    public double totalSeconds() {
        double sum = 0;
        for (Phase p : phases) {
            sum += p.seconds();
        }
        return sum;
    }

    /** Index of the phase in force at {@code t} seconds. */
    public int phaseIndexAt(double t) {
        double end = 0;
        for (int i = 0; i < phases.size(); i++) {
            end += phases.get(i).seconds();
            if (t < end) {
                return i;
            }
        }
        return phases.size() - 1;
    }

    /** Start time of phase {@code index} in seconds. */
    public double phaseStart(int index) {
        double start = 0;
        for (int i = 0; i < index; i++) {
            start += phases.get(i).seconds();
        }
        return start;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : phases) {
            sb.append(sb.length() == 0 ? "" : ",").append(p);
        }
        return sb.toString();
    }
}
