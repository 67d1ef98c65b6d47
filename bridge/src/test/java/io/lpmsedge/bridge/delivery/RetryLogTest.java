package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.testsupport.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

class RetryLogTest {
    /** Every warn/info line the code under test writes, formatted. */
    final List<String> lines = new ArrayList<>();

    final Logger logger = (Logger) Proxy.newProxyInstance(
            Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                if ((method.getName().equals("warn") || method.getName().equals("info"))
                        && args.length >= 2
                        && args[0] instanceof String format) {
                    Object[] params =
                            args[1] instanceof Object[] a ? a : java.util.Arrays.copyOfRange(args, 1, args.length);
                    lines.add(method.getName() + " "
                            + MessageFormatter.arrayFormat(format, params).getMessage());
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
    final ManualClock clock = new ManualClock(1_000_000);

    @Test
    void anHourOfRetriesWritesAboutOneLinePerMinute() {
        RetryLog log = new RetryLog(logger, "proxy", clock, Duration.ofMinutes(1));
        for (int i = 0; i < 3600 * 20; i++) { // 20 failed requests a second (4 lanes, 200 ms back-off)
            log.failed(500, 500, "io: Failed to connect", Duration.ofMillis(200));
            clock.advance(50);
        }
        clock.advance(RetryLog.QUIET_MILLIS);
        log.delivered();
        assertTrue(lines.size() >= 60 && lines.size() <= 62, lines.size() + " lines: " + lines.subList(0, 3));
        assertTrue(
                lines.get(0).startsWith("warn sink proxy: 500 of 500 records not delivered (io: Failed to connect)"),
                lines.get(0));
        assertTrue(lines.get(1).contains("still not delivering after 60 s: 1200 failed requests"), lines.get(1));
        assertEquals(
                "info sink proxy: delivering again after 3605 s and 72000 failed requests",
                lines.get(lines.size() - 1));
    }

    @Test
    void lanesThatFailWhileOthersDeliverDoNotFlapTheLog() {
        RetryLog log = new RetryLog(logger, "proxy", clock, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            log.failed(10, 500, "50003: timed out", Duration.ofMillis(200));
            clock.advance(100);
            log.delivered();
            clock.advance(100);
        }
        assertTrue(lines.size() <= 5, lines.size() + " lines");
        clock.advance(RetryLog.QUIET_MILLIS);
        log.delivered();
        assertTrue(
                lines.get(lines.size() - 1).startsWith("info sink proxy: delivering again after 20"), lines.toString());
        log.failed(1, 1, "again", Duration.ZERO);
        assertTrue(lines.get(lines.size() - 1).startsWith("warn sink proxy: 1 of 1 records not delivered (again)"));
    }
}
