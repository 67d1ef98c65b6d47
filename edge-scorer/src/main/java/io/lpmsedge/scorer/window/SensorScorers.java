package io.lpmsedge.scorer.window;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@link WindowScorer} per sensor key, created on first sight. Windows and verdicts are per sensor; the
 * bridge keys by sensor name, the score-service by (sensor, partition), files by the id in the file.
 * Not thread-safe, like the scorers it holds.
 */
public final class SensorScorers {
    private final Function<String, WindowScorer> factory;
    private final Map<String, WindowScorer> bySensor = new LinkedHashMap<>();

    public SensorScorers(Function<String, WindowScorer> factory) {
        this.factory = factory;
    }

    public WindowScorer get(String sensor) {
        WindowScorer s = bySensor.get(sensor);
        if (s == null) {
            s = factory.apply(sensor);
            bySensor.put(sensor, s);
        }
        return s;
    }

    public boolean has(String sensor) {
        return bySensor.containsKey(sensor);
    }

    /** Forgets a sensor (e.g. a partition revoked from a score-service instance). */
    public void remove(String sensor) {
        bySensor.remove(sensor);
    }

    /** In order of first appearance. */
    public Map<String, WindowScorer> all() {
        return Collections.unmodifiableMap(bySensor);
    }
}
