package io.lpmsedge.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a demo: per sensor, readings produced by the simulator, received by the bridge, delivered to the
 * broker (distinct by dedupe key), duplicates, and lost — received but never delivered, or holes in a boot's seq
 * run. {@link #lost()} must be 0: that is the bridge's promise.
 */
public record DemoSummary(
        List<Row> rows,
        long droppedByPolicy,
        double seconds,
        List<VerdictTimeline> edge,
        List<VerdictTimeline> cluster) {
    public DemoSummary {
        rows = List.copyOf(rows);
        edge = List.copyOf(edge);
        cluster = List.copyOf(cluster);
    }

    public record Row(
            String sensor, String failure, long produced, long received, long delivered, long duplicates, long lost) {}

    static DemoSummary of(
            DemoPlan plan,
            Map<String, Long> produced,
            Map<String, Long> received,
            Map<String, TopicAudit.SensorCount> arrived,
            long droppedByPolicy,
            double seconds,
            List<VerdictTimeline> edge,
            List<VerdictTimeline> cluster) {
        List<Row> rows = new ArrayList<>();
        for (DemoPlan.Machine m : plan.machines()) {
            long got = received.getOrDefault(m.name(), 0L);
            TopicAudit.SensorCount c = arrived.getOrDefault(m.name(), new TopicAudit.SensorCount(0, 0, 0, 0, 0));
            long lost = Math.max(0, got - c.distinct()) + c.holes();
            rows.add(new Row(
                    m.name(),
                    m.failure().key(),
                    produced.getOrDefault(m.name(), 0L),
                    got,
                    c.distinct(),
                    c.duplicates(),
                    lost));
        }
        return new DemoSummary(rows, droppedByPolicy, seconds, edge, cluster);
    }

    public long produced() {
        return rows.stream().mapToLong(Row::produced).sum();
    }

    public long received() {
        return rows.stream().mapToLong(Row::received).sum();
    }

    public long delivered() {
        return rows.stream().mapToLong(Row::delivered).sum();
    }

    public long duplicates() {
        return rows.stream().mapToLong(Row::duplicates).sum();
    }

    public long lost() {
        return rows.stream().mapToLong(Row::lost).sum();
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Summary (readings)");
        String format = "  %-11s %-12s %10s %10s %10s %10s %6s%n";
        out.printf(Locale.ROOT, format, "sensor", "failure", "produced", "received", "delivered", "duplicates", "lost");
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    format,
                    r.sensor(),
                    r.failure(),
                    count(r.produced()),
                    count(r.received()),
                    count(r.delivered()),
                    count(r.duplicates()),
                    count(r.lost()));
        }
        out.printf(
                Locale.ROOT,
                format,
                "total",
                "",
                count(produced()),
                count(received()),
                count(delivered()),
                count(duplicates()),
                count(lost()));
        out.printf(
                Locale.ROOT,
                "  dropped by a queue or spool policy: %d; lost must be 0: %s%n",
                droppedByPolicy,
                lost() == 0 ? "it is" : "IT IS NOT");
        printVerdicts(
                out, "Verdicts on the Pi (the bridge's edge scorer, topic verdicts) against the ground truth", edge);
        printVerdicts(
                out,
                "Verdicts on the cluster (score-service, topic cluster-verdicts) against the ground truth",
                cluster);
        out.printf(Locale.ROOT, "%.0f s in all%n", seconds);
        out.flush();
    }

    private static void printVerdicts(PrintWriter out, String title, List<VerdictTimeline> timelines) {
        out.println();
        out.println(title);
        String format = "  %-11s %-12s %-14s %-22s %-20s %6s%n";
        out.printf(Locale.ROOT, format, "sensor", "failure", "fault (s)", "FAILURE reached", "OK again", "false");
        for (VerdictTimeline t : timelines) {
            String fault = Double.isNaN(t.faultStart())
                    ? "none"
                    : String.format(
                            Locale.ROOT,
                            "%.1f–%s",
                            t.faultStart(),
                            Double.isNaN(t.faultEnd()) ? "end" : String.format(Locale.ROOT, "%.1f", t.faultEnd()));
            String reached =
                    t.detected() ? String.format(Locale.ROOT, "%.1f s (+%.1f s)", t.detectedAt(), t.delay()) : "MISSED";
            String cleared = Double.isNaN(t.clearedAt())
                    ? (t.detected() ? "not seen" : "-")
                    : String.format(Locale.ROOT, "%.1f s (+%.1f s)", t.clearedAt(), t.clearedAt() - t.faultEnd());
            out.printf(Locale.ROOT, format, t.sensor(), t.failure(), fault, reached, cleared, t.falseAlarms());
        }
        long detected = timelines.stream().filter(VerdictTimeline::detected).count();
        out.printf(
                Locale.ROOT,
                "  %d of %d faults detected; %d false FAILURE verdicts%n",
                detected,
                timelines.size(),
                timelines.stream().mapToInt(VerdictTimeline::falseAlarms).sum());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
