package io.lpmsedge.bridge.spool;

import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What a spool runs on: the wall clock (only to age records recovered from disk, whose files carry wall-clock
 * times), the monotonic clock (every interval and every age within this boot: a clock step must neither stop ack
 * writes nor fake an old record) and the file system.
 *
 * @param nanoTime monotonic nanoseconds ({@code System::nanoTime} outside tests)
 */
public record SpoolContext(Clock clock, LongSupplier nanoTime, FileStore files) {
    public SpoolContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(files, "files");
    }

    /** The real clocks and disk. */
    public static SpoolContext system() {
        return new SpoolContext(Clock.systemUTC(), System::nanoTime, FileStore.DISK);
    }

    /** The given wall clock with the real monotonic clock and disk. */
    public static SpoolContext of(Clock clock) {
        return new SpoolContext(clock, System::nanoTime, FileStore.DISK);
    }
}
