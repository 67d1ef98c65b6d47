package io.lpmsedge.simulator.link;

import java.io.Closeable;
import java.io.IOException;

/** Where a simulated sensor gets its sessions from: a listening TCP port, a tty, a capture file. */
public interface SensorPort extends Closeable {
    /**
     * The next session's link, waiting up to {@code timeoutMillis} (0: do not wait); {@code null} if none
     * arrived. A port that offers only one session ({@link #reconnectable()} false) returns null after it.
     */
    ByteLink next(int timeoutMillis) throws IOException, InterruptedException;

    /** Whether a new session can follow a closed one (TCP: a reconnecting host). */
    boolean reconnectable();

    /**
     * Whether the port's session is there from the sensor's first tick (a capture file): the runner then takes it
     * before sensor time starts to run, so that nothing generated is missing from it however late the runner's
     * thread gets going. False (the default) for a port a host comes to (TCP): with real pacing the machine runs on
     * while nobody listens, as a real arm does, and a host sees only what is generated once it is there.
     */
    default boolean attachedFromStart() {
        return false;
    }

    /** Tells the port that the current session has ended, so that it may accept the next one. */
    void sessionEnded();

    /** For the status line, e.g. {@code tcp 127.0.0.1:5000}. */
    String describe();
}
