package io.lpmsedge.scorer.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerdictRuleTest {
    /** Feeds outcomes ('x' exceeds, '.' does not) and returns the verdicts as 'F'/'o'. */
    static String run(VerdictRule rule, String outcomes) {
        VerdictTracker t = rule.newTracker();
        StringBuilder b = new StringBuilder();
        for (char c : outcomes.toCharArray()) {
            b.append(t.update(c == 'x') == Verdict.FAILURE ? 'F' : 'o');
        }
        return b.toString();
    }

    @Test
    void plainThresholdFollowsEachWindow() {
        assertEquals("oFoFFo", run(new VerdictRule.Hysteresis(1, 1), ".x.xx."));
    }

    @Test
    void hysteresisNeedsNConsecutiveToEnterAndMToLeave() {
        VerdictRule r = new VerdictRule.Hysteresis(3, 2);
        // Two exceeding windows are not enough; an interruption resets the run.
        assertEquals("ooooo", run(r, "xx.xx"));
        assertEquals("ooFFFFoo", run(r, "xxx.x..."));
        // Leaving needs 2 consecutive OK windows; one OK window in FAILURE changes nothing.
        assertEquals("ooFFFFFFo", run(r, "xxx.x.x.."));
    }

    @Test
    void kOfMIsFailureWhileKOfTheLastMExceed() {
        VerdictRule r = new VerdictRule.KOfM(2, 3);
        assertEquals("oFFFoo", run(r, "xx.x.."));
        assertEquals("oooFoo", run(r, ".x.x.."));
        assertEquals("oooooo", run(r, "x..x.."));
    }

    @Test
    void rulesRejectImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new VerdictRule.Hysteresis(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VerdictRule.KOfM(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new VerdictRule.KOfM(0, 3));
    }
}
