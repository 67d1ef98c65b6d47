package io.lpmsedge.simulator.fault;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** One sensor's instances of every failure mechanism, each with its own random stream. */
public final class FailureSet {
    private final Map<FailureKind, Failure> failures = new EnumMap<>(FailureKind.class);

    public FailureSet(SplittableRandom random) {
        failures.put(FailureKind.BEARING, new BearingDefect(random.split()));
        failures.put(FailureKind.BACKLASH, new BacklashImpacts(random.split()));
        failures.put(FailureKind.LOOSE_MOUNT, new LooseMount(random.split()));
        failures.put(FailureKind.GYRO_DRIFT, new GyroBiasDrift(random.split()));
    }

    /** The mechanism of a kind; {@code null} for OK. */
    public Failure of(FailureKind kind) {
        return failures.get(kind);
    }
}
