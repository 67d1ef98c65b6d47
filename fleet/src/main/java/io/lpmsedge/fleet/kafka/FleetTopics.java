package io.lpmsedge.fleet.kafka;

import java.time.Duration;

/**
 * What the fleet reads.
 *
 * @param history how far back (by record time) the verdict topics are re-read at start; the status topic is
 *                always read from its beginning (compacted, it holds one event per bridge)
 */
public record FleetTopics(String status, String verdicts, String clusterVerdicts, Duration history) {}
