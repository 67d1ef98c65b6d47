package io.lpmsedge.bridge.delivery.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter on an injected clock: an outage's worth of reconnect warnings in microseconds. */
class ClientLogLimiterTest {
    private static final String REFUSED = "[Producer clientId=lpms-edge-kafka] Connection to node {} ({}) could not "
            + "be established. Node may not be available.";
    private static final String DISCONNECTED = "[Producer clientId=lpms-edge-kafka] Bootstrap broker {} disconnected";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ClientLogLimiter limiter =
            new ClientLogLimiter(now::get, Duration.ofMinutes(1), Duration.ofMinutes(1), 3);
    private final List<String> written = new ArrayList<>();

    private void warn(String template, String message) {
        ClientLogLimiter.Decision d = limiter.offer(template, message);
        written.addAll(d.summaries());
        if (d.pass()) {
            written.add(message);
        }
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void anHourOfReconnectWarningsIsEachMessageOnceThenASummaryAMinuteThenOneEndLine() {
        for (int s = 0; s < 3600; s++) { // two warnings a second for an hour: 7200 lines unlimited
            warn(
                    REFUSED,
                    "Connection to node -1 (/10.0.0.5:9092) could not be established. Node may not be available.");
            warn(DISCONNECTED, "Bootstrap broker 10.0.0.5:9092 disconnected");
            advance(Duration.ofSeconds(1));
            String polled = limiter.poll();
            if (polled != null) {
                written.add(polled);
            }
        }
        assertEquals(
                "Connection to node -1 (/10.0.0.5:9092) could not be established. Node may not be available.",
                written.get(0));
        assertEquals("Bootstrap broker 10.0.0.5:9092 disconnected", written.get(1));
        long summaries =
                written.stream().filter(l -> l.startsWith("Kafka client: ")).count();
        assertTrue(summaries >= 59 && summaries <= 60, "one summary a minute: " + summaries);
        assertTrue(written.get(2).startsWith("Kafka client: 118 more warnings in the last 60 s"), written.get(2));
        assertTrue(written.get(2).contains("last: Bootstrap broker 10.0.0.5:9092 disconnected"), written.get(2));
        int before = written.size();
        advance(Duration.ofSeconds(58)); // 59 s since the last warning
        assertNull(limiter.poll(), "not quiet long enough yet");
        advance(Duration.ofSeconds(1));
        String end = limiter.poll();
        assertTrue(
                end.startsWith("Kafka client quiet again after 3599 s of warnings: 7200 warnings, 7198 of them "
                        + "repeats not written"),
                end);
        assertEquals(before, written.size());
        assertTrue(written.size() <= 63, written.size() + " lines for an hour");
        // The next outage shows its first warning again.
        warn(REFUSED, "Connection to node -1 (/10.0.0.5:9092) could not be established. Node may not be available.");
        assertTrue(written.get(written.size() - 1).startsWith("Connection to node -1"));
    }

    @Test
    void aNewKindOfWarningPassesInTheMiddleOfAStreakButOnlySoManyAMinute() {
        warn(REFUSED, "refused 1");
        warn(REFUSED, "refused 2");
        warn("SSL handshake failed {}", "SSL handshake failed: PKIX path building failed");
        assertEquals(List.of("refused 1", "SSL handshake failed: PKIX path building failed"), written);
        warn("a {}", "a");
        warn("b {}", "b"); // the fourth different message this minute: over the limit of 3
        assertFalse(written.contains("b"), written.toString());
        advance(Duration.ofSeconds(30));
        warn(REFUSED, "refused 3");
        advance(Duration.ofSeconds(31));
        warn("c {}", "c");
        assertTrue(
                written.get(written.size() - 2).startsWith("Kafka client: 3 more warnings in the last 61 s"),
                written.toString());
        assertEquals("c", written.get(written.size() - 1));
    }

    @Test
    void aShortStreakWithNothingSuppressedEndsSilently() {
        warn(REFUSED, "refused once");
        advance(Duration.ofMinutes(2));
        assertNull(limiter.poll());
        assertEquals(List.of("refused once"), written);
    }
}
