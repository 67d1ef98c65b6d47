package io.lpmsedge.scoreservice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one instance did, readable from other threads (tests, the shutdown summary). Records re-read during a
 * warm-up after a rebalance are counted only as {@code warmupRecords}, so duplicates and unknown formats are
 * counted once across the group. Per model: windows judged ({@link #windowsByModel}) and which model scores
 * each sensor this instance has seen ({@link #sensorModels}).
 */
final class ServiceCounters {
    final AtomicLong records = new AtomicLong();
    final AtomicLong readings = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong unknownFormat = new AtomicLong();
    final AtomicLong warmupRecords = new AtomicLong();
    final AtomicLong unalignedSkipped = new AtomicLong();
    /** Readings of sensors no model of the set matches (not scored). */
    final AtomicLong unmatched = new AtomicLong();
    /** Readings not scored because no model of theirs can be fed (outputs its features need are missing). */
    final AtomicLong missingOutputs = new AtomicLong();
    /** Sensors moved to another model at a window boundary after a reload. */
    final AtomicLong swaps = new AtomicLong();

    final AtomicLong reloads = new AtomicLong();
    final AtomicLong reloadsRefused = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong assignments = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    private final Map<String, AtomicLong> windowsByModel = new ConcurrentHashMap<>();
    /** Sensor → name of the model scoring it (last chosen; a sensor of a revoked partition keeps its entry). */
    final Map<String, String> sensorModels = new ConcurrentHashMap<>();

    AtomicLong windowsOf(String model) {
        return windowsByModel.computeIfAbsent(model, m -> new AtomicLong());
    }

    /** Windows judged per model name, sorted by name. */
    Map<String, Long> windowsByModel() {
        Map<String, Long> m = new TreeMap<>();
        windowsByModel.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records.get());
        m.put("readings", readings.get());
        m.put("duplicates", duplicates.get());
        m.put("unknownFormat", unknownFormat.get());
        m.put("warmupRecords", warmupRecords.get());
        m.put("unalignedSkipped", unalignedSkipped.get());
        m.put("unmatched", unmatched.get());
        m.put("missingOutputs", missingOutputs.get());
        m.put("windows", windows.get());
        m.put("events", events.get());
        m.put("assignments", assignments.get());
        m.put("commits", commits.get());
        m.put("swaps", swaps.get());
        m.put("reloads", reloads.get());
        m.put("reloadsRefused", reloadsRefused.get());
        return m;
    }
}
