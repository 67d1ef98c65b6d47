package io.lpmsedge.bridge.spool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock and a monotonic clock for tests, moved by hand: {@link #advance} lets time pass (both move),
 * {@link #stepWall} is an NTP or operator step (only the wall clock jumps, as with libfaketime).
 */
public final class ManualClocks {
    private long wallMillis = 1_700_000_000_000L;
    private long nanos = 5_000_000_000L;
    private final Clock wall = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(wallMillis);
        }

        @Override
        public long millis() {
            return wallMillis;
        }
    };

    public Clock wall() {
        return wall;
    }

    public long nanos() {
        return nanos;
    }

    /** Time passes: both clocks move on. */
    public void advance(long millis) {
        wallMillis += millis;
        nanos += millis * 1_000_000;
    }

    /** The wall clock is stepped (forwards or backwards); monotonic time does not move. */
    public void stepWall(long millis) {
        wallMillis += millis;
    }

    public SpoolContext context(FileStore files) {
        return new SpoolContext(wall, this::nanos, files);
    }
}
