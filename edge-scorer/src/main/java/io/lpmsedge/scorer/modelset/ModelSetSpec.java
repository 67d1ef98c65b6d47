package io.lpmsedge.scorer.modelset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Several models, each with the sensors it scores: the pure part of "one model per machine" that the
 * score-service and the bridge share (no file is read here). A sensor is scored by the <em>first</em> entry
 * with a pattern matching its name, in the order written, so a specific entry ({@code arm-7}) goes before a
 * general one ({@code arm-*}); a sensor no entry matches is not scored (callers count and report it).
 *
 * <p>{@link #validate} refuses what could only be a mistake: no entry, an entry without sensors, two entries with
 * one name, and a pattern that can never win because an earlier one matches everything it does.
 */
public record ModelSetSpec(List<ModelSetEntry> entries) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ModelSetSpec {
        entries = List.copyOf(entries);
    }

    /** The entry scoring {@code sensor}, or {@code null} when none matches. */
    public ModelSetEntry modelFor(String sensor) {
        int i = indexFor(sensor);
        return i < 0 ? null : entries.get(i);
    }

    /** Index of the entry scoring {@code sensor} in {@link #entries()}, or -1 when none matches. */
    public int indexFor(String sensor) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).match(sensor) != null) {
                return i;
            }
        }
        return -1;
    }

    /** Checks the set as a whole; returns it for chaining. */
    public ModelSetSpec validate() throws ModelSetException {
        List<String> problems = new ArrayList<>();
        if (entries.isEmpty()) {
            problems.add("the model set has no model; add one per machine, e.g. [[model]] path = \"arm_ae.zip\" "
                    + "sensors = [\"arm-*\"]");
        }
        Map<String, ModelSetEntry> byName = new HashMap<>();
        List<SensorPattern> earlier = new ArrayList<>();
        List<ModelSetEntry> earlierOwner = new ArrayList<>();
        for (ModelSetEntry e : entries) {
            if (e.name() == null || !NAME.matcher(e.name()).matches()) {
                problems.add(e.origin() + ": model name '" + e.name() + "' must be 1 to 64 letters, digits, '.', '_' "
                        + "or '-' (it is written into every verdict event)");
            } else {
                ModelSetEntry before = byName.putIfAbsent(e.name(), e);
                if (before != null) {
                    problems.add(e.origin() + ": model name '" + e.name() + "' is already used at " + before.origin()
                            + "; give each model its own name");
                }
            }
            if (e.sensors().isEmpty()) {
                problems.add(e.origin() + ": model '" + e.name() + "' scores no sensor; list them, e.g. sensors = "
                        + "[\"arm-*\", \"spindle-3\"]");
            }
            for (SensorPattern p : e.sensors()) {
                for (int i = 0; i < earlier.size(); i++) {
                    if (p.shadowedBy(earlier.get(i))) {
                        ModelSetEntry owner = earlierOwner.get(i);
                        problems.add(e.origin() + ": sensor pattern '" + p + "' of model '" + e.name()
                                + "' can never match: '" + earlier.get(i) + "' of model '" + owner.name() + "' ("
                                + owner.origin() + ") comes first and matches every sensor it does; the first "
                                + "matching model scores a sensor, so put the more specific one first or remove it");
                        break;
                    }
                }
                earlier.add(p);
                earlierOwner.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelSetException(problems);
        }
        return this;
    }
}
