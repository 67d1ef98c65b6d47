package io.lpmsedge.bridge.spool;

/** What the spool does when it would exceed its byte bound (or the disk is full). Every drop is counted. */
public enum SpoolFullPolicy {
    /** Delete the oldest segment, unsent or not: the newest data is what an operator acts on. */
    DROP_OLDEST("drop-oldest"),
    /** Refuse new records until the sinks catch up. */
    DROP_NEWEST("drop-newest");

    private final String key;

    SpoolFullPolicy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SpoolFullPolicy byKey(String key) {
        for (SpoolFullPolicy p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a spool policy; use drop-oldest or drop-newest");
    }
}
