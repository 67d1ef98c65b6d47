package io.lpmsedge.scoreservice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one instance did, readable from other threads (tests, the shutdown summary). Records re-read during a
 * warm-up after a rebalance are counted only as {@code warmupRecords}, so duplicates and unknown formats are
 * counted once across the group.
 */
final class ServiceCounters {
    final AtomicLong records = new AtomicLong();
    final AtomicLong readings = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong unknownFormat = new AtomicLong();
    final AtomicLong warmupRecords = new AtomicLong();
    final AtomicLong unalignedSkipped = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong assignments = new AtomicLong();
    final AtomicLong commits = new AtomicLong();

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records.get());
        m.put("readings", readings.get());
        m.put("duplicates", duplicates.get());
        m.put("unknownFormat", unknownFormat.get());
        m.put("warmupRecords", warmupRecords.get());
        m.put("unalignedSkipped", unalignedSkipped.get());
        m.put("windows", windows.get());
        m.put("events", events.get());
        m.put("assignments", assignments.get());
        m.put("commits", commits.get());
        return m;
    }
}
