package io.lpmsedge.scorer.modelset;

import java.nio.file.Path;
import java.util.List;

/**
 * One model of a model set as written (before anything is loaded).
 *
 * @param name     names the model in verdict events, logs and metrics; unique within the set
 * @param model    the H2O model file (MOJO zip or POJO)
 * @param manifest its manifest; {@code null} = the default beside the model ({@code <model>.manifest.json})
 * @param sensors  the sensors it scores, in order; at least one
 * @param origin   where the entry was written, for messages ({@code models.toml:12}, {@code --model})
 */
public record ModelSetEntry(String name, Path model, Path manifest, List<SensorPattern> sensors, String origin) {
    public ModelSetEntry {
        sensors = List.copyOf(sensors);
    }

    /** The first of this entry's patterns matching {@code sensor}, or {@code null}. */
    public SensorPattern match(String sensor) {
        for (SensorPattern p : sensors) {
            if (p.matches(sensor)) {
                return p;
            }
        }
        return null;
    }
}
