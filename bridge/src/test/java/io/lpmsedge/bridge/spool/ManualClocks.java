package io.lpmsedge.bridge.spool;

import io.lpmsedge.testsupport.ManualClock;
import java.time.Clock;

/**
 * The spool's clocks for tests, moved by hand (test-support's {@link ManualClock}): {@link #advance} lets time
 * pass (both move), {@link #stepWall} is an NTP or operator step (only the wall clock jumps, as with libfaketime).
 */
public final class ManualClocks {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    public Clock wall() {
        return clock;
    }

    public long nanos() {
        return clock.nanos();
    }

    /** Time passes: both clocks move on. */
    public void advance(long millis) {
        clock.advance(millis);
    }

    /** The wall clock is stepped (forwards or backwards); monotonic time does not move. */
    public void stepWall(long millis) {
        clock.stepWall(millis);
    }

    public SpoolContext context(FileStore files) {
        return new SpoolContext(clock, clock::nanos, files);
    }
}
