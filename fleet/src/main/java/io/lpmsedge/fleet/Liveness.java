package io.lpmsedge.fleet;

/**
 * Whether a bridge is heard from: a pure function of when it was last heard, its own status interval, whether its
 * last event was a clean stop, and now. Nothing else decides OFFLINE, so the rule is testable without waiting.
 *
 * @param reason why OFFLINE ({@code stopped}: its last event said so; {@code silent}: nothing for 3 × its
 *               interval), or why UNKNOWN; null when ONLINE
 */
public record Liveness(State state, String reason) {
    /** Silence for this many status intervals makes a bridge OFFLINE. */
    public static final int OFFLINE_AFTER_INTERVALS = 3;

    public enum State {
        ONLINE,
        OFFLINE,
        UNKNOWN
    }

    /**
     * @param heardAtMillis  when its last status event arrived (fleet clock), or -1 when none ever did
     * @param intervalMillis the interval its last event announced
     * @param stopped        its last event was the {@code stop} event of a clean shutdown
     */
    public static Liveness judge(long heardAtMillis, long intervalMillis, boolean stopped, long nowMillis) {
        if (heardAtMillis < 0) {
            return new Liveness(State.UNKNOWN, "no status events yet (verdicts only: a bridge without [status])");
        }
        if (stopped) {
            return new Liveness(State.OFFLINE, "stopped");
        }
        if (nowMillis - heardAtMillis > OFFLINE_AFTER_INTERVALS * intervalMillis) {
            return new Liveness(State.OFFLINE, "silent");
        }
        return new Liveness(State.ONLINE, null);
    }
}
