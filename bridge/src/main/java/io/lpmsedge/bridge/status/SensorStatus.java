package io.lpmsedge.bridge.status;

import io.lpmsedge.bridge.session.LinkState;

/**
 * One sensor at one moment, as the status page, {@code /ready} and {@code /metrics} show it.
 *
 * @param lastReadingAgeMillis -1 when no reading has arrived since start
 * @param lastError            null when none
 * @param scoring              null when the bridge does not score this sensor
 */
public record SensorStatus(
        String name,
        String link,
        LinkState state,
        long readings,
        double readingsPerSecond,
        long lastReadingAgeMillis,
        long connects,
        long reconnects,
        long stalls,
        long tickGaps,
        long missedSamples,
        long framesGood,
        long framesLrcMismatch,
        long framesBadEndBytes,
        long framesLengthOutOfRange,
        long bytesSkipped,
        long undecodable,
        long droppedQueueFull,
        String lastError,
        ScoringStatus scoring) {}
