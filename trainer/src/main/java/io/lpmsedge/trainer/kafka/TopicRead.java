package io.lpmsedge.trainer.kafka;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@link ReadingsTopicReader} read: per partition the offset range and what it held, the sensors seen in the
 * range, and the readings files (deduplicated, in order) that training then reads like any bridge JSON Lines.
 */
public record TopicRead(
        ReadingsTopicReader.Request request, List<Partition> partitions, Map<String, Long> sensorsSeen) {
    /** Sensors named in "sensors seen": enough to spot a typo, never a flood. */
    static final int SENSORS_LISTED = 20;

    /**
     * @param stop one past the last offset read
     * @param file the sensor's readings from this partition, null when it had none
     */
    public record Partition(
            int partition,
            long start,
            long stop,
            long records,
            long firstTimestamp,
            long lastTimestamp,
            long readings,
            long duplicates,
            Map<String, Long> gaps,
            Path file) {
        static Partition of(PartitionSlice s) {
            return new Partition(
                    s.partition.partition(),
                    s.start,
                    s.stop,
                    s.records,
                    s.firstTimestamp,
                    s.lastTimestamp,
                    s.readings,
                    s.duplicates,
                    Collections.unmodifiableMap(new TreeMap<>(s.gaps())),
                    s.file());
        }
    }

    public TopicRead {
        partitions = List.copyOf(partitions);
        sensorsSeen = Map.copyOf(sensorsSeen);
    }

    /** The readings files, one per partition that held the sensor (normally one). */
    public List<Path> files() {
        return partitions.stream().map(Partition::file).filter(Objects::nonNull).toList();
    }

    /** Records in the range, of every sensor. */
    public long records() {
        return partitions.stream().mapToLong(Partition::records).sum();
    }

    /** The sensor's readings written, after duplicates were dropped. */
    public long readings() {
        return partitions.stream().mapToLong(Partition::readings).sum();
    }

    public long duplicates() {
        return partitions.stream().mapToLong(Partition::duplicates).sum();
    }

    /** Continuity breaks in the sensor's readings by kind ({@code reconnect}, {@code seq_gap}). */
    public Map<String, Long> gaps() {
        Map<String, Long> all = new TreeMap<>();
        partitions.forEach(p -> p.gaps().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return all;
    }

    /** "arm-2 (3000 records), arm-3 (1200 records)", most records first, at most {@value #SENSORS_LISTED}. */
    public String sensorsSeenText() {
        if (sensorsSeen.isEmpty()) {
            return "none";
        }
        String listed = sensorsSeen.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(SENSORS_LISTED)
                .map(e -> e.getKey() + " (" + e.getValue() + " records)")
                .collect(Collectors.joining(", "));
        int more = sensorsSeen.size() - SENSORS_LISTED;
        return more > 0 ? listed + " and " + more + " more" : listed;
    }

    /** What was read, on stderr before training: per partition, then the totals. */
    public void print(PrintWriter err) {
        err.println("read topic '" + request.topic() + "' at " + request.bootstrap() + ", sensor '" + request.sensor()
                + "', records stamped " + request.from() + " .. " + request.to() + ":");
        for (Partition p : partitions.stream()
                .sorted(Comparator.comparingInt(Partition::partition))
                .toList()) {
            if (p.records() == 0) {
                err.println("  partition " + p.partition() + ": no records in the range");
                continue;
            }
            err.println("  partition " + p.partition() + ": offsets " + p.start() + ".." + (p.stop() - 1) + " ("
                    + p.records() + " records, stamped " + Instant.ofEpochMilli(p.firstTimestamp()) + " .. "
                    + Instant.ofEpochMilli(p.lastTimestamp()) + "); "
                    + (p.file() == null
                            ? "none of the sensor"
                            : p.readings() + " readings, " + p.duplicates() + " duplicates dropped, gaps " + p.gaps()
                                    + " -> " + p.file()));
        }
        err.println(String.format(
                java.util.Locale.ROOT,
                "'%s': %d readings from %d records in the range, %d "
                        + "duplicates dropped (same sensor, bootId and seq), %d gaps %s; sensors seen: %s",
                request.sensor(),
                readings(),
                records(),
                duplicates(),
                gaps().values().stream().mapToLong(Long::longValue).sum(),
                gaps(),
                sensorsSeenText()));
        if (files().size() > 1) {
            err.println("note: the sensor's records are in " + files().size() + " partitions (the topic's partition "
                    + "count changed in the range?); each is read as a stretch of its own");
        }
        err.flush();
    }
}
