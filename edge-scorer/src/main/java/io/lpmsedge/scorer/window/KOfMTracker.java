package io.lpmsedge.scorer.window;

/**
 * See {@link VerdictRule.KOfM}: a ring of the last M outcomes and their count. Before M windows have been
 * seen, the count is over those there are (a FAILURE can start as soon as k windows exceed).
 */
final class KOfMTracker implements VerdictTracker {
    private final int k;
    private final boolean[] last;
    private int next;
    private int exceeding;
    private Verdict state = Verdict.OK;

    KOfMTracker(int k, int m) {
        this.k = k;
        this.last = new boolean[m];
    }

    @Override
    public Verdict update(boolean exceeds) {
        if (last[next]) {
            exceeding--;
        }
        last[next] = exceeds;
        if (exceeds) {
            exceeding++;
        }
        next = (next + 1) % last.length;
        state = exceeding >= k ? Verdict.FAILURE : Verdict.OK;
        return state;
    }

    @Override
    public Verdict current() {
        return state;
    }
}
