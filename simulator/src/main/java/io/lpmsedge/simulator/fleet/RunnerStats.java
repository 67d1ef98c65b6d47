package io.lpmsedge.simulator.fleet;

import io.lpmsedge.simulator.link.LinkFaultStats;

/**
 * A sensor's totals: for the exit summary and for tests.
 *
 * @param dataFrames     data frames generated in stream mode (sent, damaged, lost or stalled)
 * @param polledFrames   data frames sent as answers to GET_SENSOR_DATA
 * @param bytes          bytes written to the host(s)
 * @param sessions       sessions (connections) served
 * @param commands       host frames received
 * @param nacks          NACKs sent
 * @param ignored        commands ignored in stream or sleep mode
 * @param sensorSeconds  sensor time simulated
 */
public record RunnerStats(
        int imuId,
        long dataFrames,
        long polledFrames,
        long bytes,
        long sessions,
        long commands,
        long nacks,
        long ignored,
        double sensorSeconds,
        LinkFaultStats link) {}
