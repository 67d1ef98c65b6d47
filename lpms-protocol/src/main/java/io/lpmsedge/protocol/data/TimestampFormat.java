package io.lpmsedge.protocol.data;

/** How the 4-byte timestamp that opens every data payload is to be read (docs/lpms-protocol.md#timestamp). */
public enum TimestampFormat {
    /** Unsigned 32-bit tick counter (LPMS-B2 firmware newer than 1.3.4). */
    TICKS,
    /** IEEE float seconds (first-generation LPMS-B/CU firmware and B2 firmware up to 1.3.4). */
    FLOAT_SECONDS
}
