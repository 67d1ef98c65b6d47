package io.lpmsedge.simulator.cli;

import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.fleet.SensorRunner;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import io.lpmsedge.simulator.scenario.Durations;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code lpms-edge sim} prints on stdout: one status line per sensor at start, and at exit one summary line
 * per sensor (every count a decoder on the far side can be checked against), a line per failed sensor and, for
 * a fleet, a total. Scripts and tests read these lines, so their keys are stable (docs/simulator.md).
 */
final class SimReport {
    /** How one sensor's run ended: its totals, and the error that stopped it (null if none). */
    record Outcome(RunnerStats stats, Throwable error) {
        static Outcome of(SensorRunner runner) {
            return new Outcome(runner.stats(), runner.error());
        }
    }

    private final PrintWriter out;

    SimReport(PrintWriter out) {
        this.out = out;
    }

    /** The status lines, once the ports are open (so a TCP port 0 shows the port it got). */
    void started(List<SensorRunner> runners, SimPlan plan) {
        for (SensorRunner r : runners) {
            out.println(statusLine(r.spec(), r.port().describe(), plan));
        }
        out.flush();
    }

    /** The summary; returns the exit status: 0, or 1 when a sensor failed. */
    int finished(List<Outcome> outcomes) {
        int status = 0;
        LinkFaultStats total = null;
        long frames = 0;
        for (Outcome o : outcomes) {
            RunnerStats s = o.stats();
            out.println(summaryLine(s));
            total = total == null ? s.link() : total.plus(s.link());
            frames += s.dataFrames();
            if (o.error() != null) {
                out.println("sim: sensor " + s.imuId() + " failed: " + o.error());
                status = 1;
            }
        }
        if (outcomes.size() > 1 && total != null) {
            out.printf(
                    Locale.ROOT,
                    "sim: total frames=%d sent=%d expectedBadFrames=%d%n",
                    frames,
                    total.framesSent(),
                    total.expectedBadFrames());
        }
        out.flush();
        return status;
    }

    static String statusLine(SensorSpec s, String where, SimPlan plan) {
        ConfigWord w = s.device().config();
        return String.format(
                Locale.ROOT,
                "sim: sensor id=%d seed=%d %s rate=%dHz outputs=%s %s config=%s profile=%s "
                        + "start=%s scenario=%s speed=%s duration=%s faults=%s",
                s.imuId(),
                s.seed(),
                where,
                w.rateHz(),
                plan.outputKeys(),
                w.sixteenBit() ? "16-bit" : "32-bit",
                w.hex(),
                s.device().profile().name(),
                s.device().startMode().name().toLowerCase(Locale.ROOT),
                s.scenario(),
                Double.isInfinite(plan.speed()) ? "max" : plan.speed(),
                Durations.format(s.durationSeconds()),
                faults(s.linkFaults()));
    }

    static String summaryLine(RunnerStats s) {
        LinkFaultStats l = s.link();
        return String.format(
                Locale.ROOT,
                "sim: summary sensor=%d sensorTime=%.1fs frames=%d sent=%d polled=%d "
                        + "bytes=%d sessions=%d commands=%d nacks=%d ignored=%d corrupted=%d falseStarts=%d "
                        + "garbageBytes=%d lost=%d lossBursts=%d stalled=%d stalls=%d drops=%d expectedBadFrames=%d",
                s.imuId(),
                s.sensorSeconds(),
                s.dataFrames(),
                l.framesSent(),
                s.polledFrames(),
                s.bytes(),
                s.sessions(),
                s.commands(),
                s.nacks(),
                s.ignored(),
                l.framesCorrupted(),
                l.falseStarts(),
                l.garbageBytes(),
                l.framesLost(),
                l.lossBursts(),
                l.framesStalled(),
                l.stalls(),
                l.drops(),
                l.expectedBadFrames());
    }

    /** The link faults in the status line's words, e.g. {@code stall-every=20s/1s,loss=0.002x8}; none: "none". */
    static String faults(LinkFaultConfig f) {
        if (!f.any()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (f.dropEverySeconds() > 0) {
            parts.add("drop-every=" + Durations.format(f.dropEverySeconds()));
        }
        if (f.stallEverySeconds() > 0) {
            parts.add("stall-every=" + Durations.format(f.stallEverySeconds()) + "/"
                    + Durations.format(f.stallSeconds()));
        }
        if (f.corruptRate() > 0) {
            parts.add("corrupt=" + f.corruptRate());
        }
        if (f.garbageRate() > 0) {
            parts.add("garbage=" + f.garbageRate());
        }
        if (f.lossRate() > 0) {
            parts.add("loss=" + f.lossRate() + "x" + f.lossBurst());
        }
        return String.join(",", parts);
    }
}
