package io.lpmsedge.simulator.cli;

import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What the robot arm does: a machine schedule, or the {@code --mode} shortcut, for all sensors or only the
 * listed ones, and whether healthy running varies. A picocli mixin of {@link SimCommand}.
 */
final class MachineOptions {
    @Option(
            names = "--scenario",
            paramLabel = "S",
            description = "Machine schedule, e.g. ok:10m,bearing:2m@0.3,ok:5m. States: ok, bearing, backlash, "
                    + "loose-mount, gyro-drift; @severity in (0,1] (default 0.5).")
    String scenario;

    @Option(
            names = "--mode",
            defaultValue = "ok",
            paramLabel = "ok|failure",
            description = "Shortcut without --scenario: healthy, or failing from the start (see --failure).")
    String mode;

    @Option(
            names = "--failure",
            defaultValue = "bearing",
            paramLabel = "KIND",
            description = "Failure for --mode failure: bearing (default), backlash, loose-mount, gyro-drift.")
    String failure;

    @Option(
            names = "--severity",
            defaultValue = "0.5",
            paramLabel = "X",
            description = "Severity for --mode failure, in (0, 1]. Default 0.5.")
    double severity;

    @Option(
            names = "--failing",
            split = ",",
            paramLabel = "ID",
            description =
                    "Only these sensor ids follow --scenario / --mode failure; the others stay ok. " + "Default: all.")
    List<Integer> failing;

    @Option(
            names = "--varied",
            description = "Healthy but varied running: every 3-8 min another cycle speed "
                    + "(0.8-1.25x, sometimes a 0.5x override) and payload (0-2 kg, the wrist sags while carrying), a +-2 C "
                    + "hall temperature swing, and one gyro recalibration (bias step) 10-50 min in.")
    boolean varied;

    /**
     * The schedule of the failing sensors: {@code --scenario}, else healthy or one failure from t = 0.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    Scenario scenario() {
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("ok") && !m.equals("failure")) {
            throw new IllegalArgumentException("--mode must be ok or failure, was '" + mode + "'");
        }
        if (scenario != null) {
            if (m.equals("failure")) {
                throw new IllegalArgumentException(
                        "--mode failure and --scenario both say what the machine does; " + "use one of them");
            }
            try {
                return Scenario.parse(scenario);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scenario: " + e.getMessage());
            }
        }
        if (m.equals("ok")) {
            return Scenario.ok();
        }
        FailureKind kind;
        try {
            kind = FailureKind.byKey(failure);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--failure: " + e.getMessage());
        }
        if (kind == FailureKind.OK) {
            throw new IllegalArgumentException("--failure ok is not a failure; use --mode ok");
        }
        if (!(severity > 0 && severity <= 1)) {
            throw new IllegalArgumentException("--severity must be in (0, 1], was " + severity);
        }
        return Scenario.failure(kind, severity);
    }

    /**
     * The ids that follow the schedule, or null for all of them (no {@code --failing}).
     *
     * @throws IllegalArgumentException when {@code --failing} names an id outside {@code firstId…lastId}
     */
    Set<Integer> failingIds(int firstId, int lastId) {
        if (failing == null) {
            return null;
        }
        for (int id : failing) {
            if (id < firstId || id > lastId) {
                throw new IllegalArgumentException("--failing " + id + " is not one of the sensor ids " + firstId + "…"
                        + lastId + "; list ids of this fleet");
            }
        }
        return Set.copyOf(failing);
    }
}
