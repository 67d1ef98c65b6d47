package io.lpmsedge.scorer.window;

/** See {@link VerdictRule.Hysteresis}: a run counter toward the other state, reset by any contrary window. */
final class HysteresisTracker implements VerdictTracker {
    private final int enter;
    private final int exit;
    private Verdict state = Verdict.OK;
    private int run;

    HysteresisTracker(int enter, int exit) {
        this.enter = enter;
        this.exit = exit;
    }

    @Override
    public Verdict update(boolean exceeds) {
        boolean towardOther = state == Verdict.OK ? exceeds : !exceeds;
        run = towardOther ? run + 1 : 0;
        if (run >= (state == Verdict.OK ? enter : exit)) {
            state = state == Verdict.OK ? Verdict.FAILURE : Verdict.OK;
            run = 0;
        }
        return state;
    }

    @Override
    public Verdict current() {
        return state;
    }
}
