package io.lpmsedge.bridge.status;

/**
 * One sink's dead-letter file at one moment.
 *
 * @param parkedRecords records parked since start
 * @param parkedBytes   bytes parked since start
 * @param fileBytes     the file's size now (it outlives restarts until an operator moves it away)
 * @param maxBytes      its bound ({@code [spool] dead_letter_max_bytes})
 * @param fullRefusals  parks refused since start because the file was full
 * @param full          the last park was refused for want of room, and still would be: that sink's refused
 *                      records stay in the spool until the file is moved away
 */
public record DeadLetterStatus(
        String sink,
        String path,
        long parkedRecords,
        long parkedBytes,
        long fileBytes,
        long maxBytes,
        long fullRefusals,
        boolean full) {}
