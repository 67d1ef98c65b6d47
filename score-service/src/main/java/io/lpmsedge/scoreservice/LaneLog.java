package io.lpmsedge.scoreservice;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the lanes report, logged for operators: the model of each sensor (first time and at every swap, also kept in
 * {@link ServiceCounters#sensorModels}), and each sensor no model matches or whose outputs its model lacks, once
 * (again after the next model-set change). Consumer thread only.
 */
final class LaneLog implements SensorLane.Events {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);
    /** Problems are logged once per name; beyond this many names only the counters grow (memory stays bounded). */
    private static final int MAX_REPORTED = 10_000;

    private final ServiceCounters counters;
    private final Supplier<String> source;
    private final Set<String> reportedUnmatched = new HashSet<>();
    private final Set<String> reportedMissing = new HashSet<>();

    /** @param source names the current model set in messages ({@code models.toml}) */
    LaneLog(ServiceCounters counters, Supplier<String> source) {
        this.counters = counters;
        this.source = source;
    }

    /** A new model set: what was reported may have been fixed by it, so report again what still is not. */
    void forget() {
        reportedUnmatched.clear();
        reportedMissing.clear();
    }

    @Override
    public void modelChosen(String sensor, ScoringModel from, ScoringModel to, long firstSeq) {
        String before = counters.sensorModels.put(sensor, to.name());
        if (from != null) {
            LOG.info(
                    "sensor {}: model {} replaces {} from the window starting at seq {}",
                    sensor,
                    to.describe(),
                    from.describe(),
                    firstSeq);
        } else if (!to.name().equals(before)) {
            LOG.info("sensor {} is scored by model {}", sensor, to.describe());
        }
    }

    @Override
    public void unmatched(String sensor) {
        if (reportedUnmatched.size() < MAX_REPORTED && reportedUnmatched.add(sensor)) {
            LOG.warn(
                    "sensor {} matches no model of {}: its readings are counted as 'unmatched' and not scored; add a "
                            + "pattern for it to a model's sensors and reload",
                    sensor,
                    source.get());
        }
    }

    @Override
    public void missingOutputs(String sensor, ScoringModel model, String problem) {
        if (reportedMissing.size() < MAX_REPORTED && reportedMissing.add(sensor + " " + model.name())) {
            LOG.error(
                    "model {} cannot score sensor {}: {} (manifest {}); its readings are not scored by it until they "
                            + "carry those outputs or a reload gives the sensor another model",
                    model.name(),
                    sensor,
                    problem,
                    model.manifest());
        }
    }
}
