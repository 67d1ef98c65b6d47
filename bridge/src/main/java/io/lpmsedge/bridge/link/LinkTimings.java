package io.lpmsedge.bridge.link;

import java.time.Duration;

/**
 * How patiently the bridge talks to sensors ({@code [link]}).
 *
 * @param connectTimeout  opening a link (TCP connect, RFCOMM connect)
 * @param commandTimeout  waiting for one reply during configuration
 * @param commandRetries  extra attempts per command before the connection is given up and retried
 * @param stallTimeout    no good frame for this long while streaming → the link is dropped and reconnected
 * @param backoffInitial  first wait before reconnecting; doubles per failed attempt, with ±20 % jitter
 * @param backoffMax      cap of that wait
 * @param serialBaud      baud rate for serial links (meaningless for RFCOMM ttys, harmless;
 * docs/lpms-protocol.md#bluetooth-link)
 */
public record LinkTimings(
        Duration connectTimeout,
        Duration commandTimeout,
        int commandRetries,
        Duration stallTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        int serialBaud) {
    public static final LinkTimings DEFAULTS = new LinkTimings(
            Duration.ofSeconds(5),
            Duration.ofMillis(1000),
            3,
            Duration.ofSeconds(3),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            115200);
}
