package io.lpmsedge.simulator.device;

/** What the protocol side of a sensor has done; written by the sensor's thread, read after it stops or racily. */
public final class DeviceCounters {
    private volatile long commands;
    private volatile long acks;
    private volatile long nacks;
    private volatile long values;
    private volatile long ignored;

    void countCommand() {
        commands++;
    }

    void countAck() {
        acks++;
    }

    void countNack() {
        nacks++;
    }

    void countValue() {
        values++;
    }

    void countIgnored() {
        ignored++;
    }

    public long commands() {
        return commands;
    }

    public long acks() {
        return acks;
    }

    public long nacks() {
        return nacks;
    }

    public long values() {
        return values;
    }

    /** Commands silently dropped in stream or sleep mode (policy IGNORE). */
    public long ignored() {
        return ignored;
    }
}
