package io.lpmsedge.bridge.link;

import java.io.IOException;

/**
 * "Give me a byte stream to this sensor, or tell me why not." Serial, TCP and RFCOMM implement it; nothing above
 * it knows which.
 */
public interface SensorLink {
    LinkAddress address();

    /**
     * Opens a fresh connection. The exception's message says what went wrong and, where it can, how to fix it
     * (missing device, permission, nothing listening).
     */
    LinkConnection open() throws IOException;

    /** How long {@link LinkConnection#read} waits for bytes before returning 0. */
    int POLL_MILLIS = 50;
}
