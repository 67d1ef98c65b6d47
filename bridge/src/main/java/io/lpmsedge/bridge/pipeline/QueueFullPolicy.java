package io.lpmsedge.bridge.pipeline;

/** What a sensor's reader does when the hand-off to the pipeline is full. Either way the loss is counted. */
public enum QueueFullPolicy {
    /** Evict the oldest queued reading to make room: the newest data is what an operator acts on. */
    DROP_OLDEST("drop-oldest"),
    /** Discard the reading that does not fit. */
    DROP_NEWEST("drop-newest");

    private final String key;

    QueueFullPolicy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static QueueFullPolicy byKey(String key) {
        for (QueueFullPolicy p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a queue-full policy; use drop-oldest or drop-newest");
    }
}
