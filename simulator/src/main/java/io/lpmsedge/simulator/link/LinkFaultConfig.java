package io.lpmsedge.simulator.link;

/**
 * What a shop-floor Bluetooth link does wrong, all in sensor time so runs are reproducible.
 *
 * @param dropEverySeconds  close the connection after this long in each session (TCP only); 0 = never
 * @param stallEverySeconds every this long in a session, stop sending for {@code stallSeconds}; 0 = never
 * @param stallSeconds      length of a stall
 * @param corruptRate       probability that a data frame has a byte damaged (decoder must count 1 bad frame)
 * @param garbageRate       probability that noise bytes precede a data frame
 * @param lossRate          probability that a burst of lost frames starts at a data frame
 * @param lossBurst         frames in one burst
 */
public record LinkFaultConfig(
        double dropEverySeconds,
        double stallEverySeconds,
        double stallSeconds,
        double corruptRate,
        double garbageRate,
        double lossRate,
        int lossBurst) {
    public static final LinkFaultConfig NONE = new LinkFaultConfig(0, 0, 0, 0, 0, 0, 1);

    public LinkFaultConfig {
        check("corrupt rate", corruptRate);
        check("garbage rate", garbageRate);
        check("loss rate", lossRate);
        if (dropEverySeconds < 0 || stallEverySeconds < 0 || stallSeconds < 0) {
            throw new IllegalArgumentException("fault intervals must not be negative");
        }
        if (stallEverySeconds > 0 && !(stallSeconds > 0 && stallSeconds < stallEverySeconds)) {
            throw new IllegalArgumentException("a stall must last more than 0 and less than its period ("
                    + stallEverySeconds + " s), was " + stallSeconds + " s");
        }
        if (lossBurst < 1) {
            throw new IllegalArgumentException("a loss burst has at least 1 frame, was " + lossBurst);
        }
    }

    private static void check(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], was " + rate);
        }
    }

    public boolean any() {
        return dropEverySeconds > 0 || stallEverySeconds > 0 || corruptRate > 0 || garbageRate > 0 || lossRate > 0;
    }
}
