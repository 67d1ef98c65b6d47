package io.lpmsedge.record;

import io.lpmsedge.protocol.data.Lineage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops repeated readings by the dedupe key ({@code sensor}, {@code bootId}, {@code seq}). The bridge delivers
 * each sensor's records in order (one request in flight per sensor) and repeats only whole runs after a lost
 * answer or a restart, so the highest seq seen per (sensor, bootId) is enough: a seq at or below it was seen.
 * Memory is bounded: per sensor only the {@value #BOOTS_PER_SENSOR} most recently seen boots are kept, so a
 * sensor costs a few hundred bytes however long a consumer runs.
 */
public final class Dedupe {
    public static final int BOOTS_PER_SENSOR = 8;

    private final Map<String, LinkedHashMap<String, Long>> bySensor = new HashMap<>();

    /** Whether this reading is new; if so it becomes the highest seen for its boot. */
    public boolean isNew(Lineage l) {
        LinkedHashMap<String, Long> boots = bySensor.computeIfAbsent(l.sensorName(), s -> lru());
        Long highest = boots.get(l.bootId());
        if (highest != null && l.seq() <= highest) {
            return false;
        }
        boots.put(l.bootId(), l.seq());
        return true;
    }

    private static LinkedHashMap<String, Long> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > BOOTS_PER_SENSOR;
            }
        };
    }
}
