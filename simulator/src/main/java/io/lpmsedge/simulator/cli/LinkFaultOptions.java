package io.lpmsedge.simulator.cli;

import io.lpmsedge.simulator.link.LinkFaultConfig;
import picocli.CommandLine.Option;

/** What the link does wrong (docs/simulator.md#link-faults). A picocli mixin of {@link SimCommand}. */
final class LinkFaultOptions {
    @Option(
            names = "--drop-every",
            paramLabel = "D",
            description = "Link fault (TCP): close each connection after D of sensor time.")
    String dropEvery;

    @Option(
            names = "--stall-every",
            paramLabel = "D",
            description = "Link fault: every D, send nothing for --stall-for (connection stays open).")
    String stallEvery;

    @Option(names = "--stall-for", defaultValue = "2s", paramLabel = "D", description = "Stall length. Default 2s.")
    String stallFor;

    @Option(
            names = "--corrupt-rate",
            defaultValue = "0",
            paramLabel = "P",
            description = "Link fault: probability that a data frame is damaged (one bad frame each).")
    double corruptRate;

    @Option(
            names = "--garbage-rate",
            defaultValue = "0",
            paramLabel = "P",
            description = "Link fault: probability that noise bytes precede a data frame.")
    double garbageRate;

    @Option(
            names = "--loss-rate",
            defaultValue = "0",
            paramLabel = "P",
            description = "Link fault: probability that a burst of --loss-burst frames is lost.")
    double lossRate;

    @Option(
            names = "--loss-burst",
            defaultValue = "5",
            paramLabel = "N",
            description = "Frames per loss burst. Default 5.")
    int lossBurst;

    /**
     * The faults every sensor's link injects.
     *
     * @param tcp whether the sensors serve TCP connections (the only ones that can be dropped)
     * @throws IllegalArgumentException naming the option and the fix
     */
    LinkFaultConfig faults(boolean tcp) {
        double drop = dropEvery == null ? 0 : RunOptions.seconds("--drop-every", dropEvery);
        if (drop > 0 && !tcp) {
            throw new IllegalArgumentException("--drop-every needs a connection to drop: use it with --port (TCP)");
        }
        double every = stallEvery == null ? 0 : RunOptions.seconds("--stall-every", stallEvery);
        double stall = RunOptions.seconds("--stall-for", stallFor);
        try {
            return new LinkFaultConfig(
                    drop, every, every > 0 ? stall : 0, corruptRate, garbageRate, lossRate, lossBurst);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("link fault options: " + e.getMessage());
        }
    }
}
