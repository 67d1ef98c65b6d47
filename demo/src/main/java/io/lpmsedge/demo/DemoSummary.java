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
public record DemoSummary(List<Row> rows, long droppedByPolicy, double seconds) {
    public DemoSummary {
        rows = List.copyOf(rows);
    }

    public record Row(String sensor, String failure, long produced, long received, long delivered, long duplicates,
                      long lost) {
    }

    static DemoSummary of(DemoPlan plan, Map<String, Long> produced, Map<String, Long> received,
                          Map<String, TopicAudit.SensorCount> arrived, long droppedByPolicy, double seconds) {
        List<Row> rows = new ArrayList<>();
        for (DemoPlan.Machine m : plan.machines()) {
            long got = received.getOrDefault(m.name(), 0L);
            TopicAudit.SensorCount c = arrived.getOrDefault(m.name(), new TopicAudit.SensorCount(0, 0, 0, 0, 0));
            long lost = Math.max(0, got - c.distinct()) + c.holes();
            rows.add(new Row(m.name(), m.failure().key(), produced.getOrDefault(m.name(), 0L), got, c.distinct(),
                    c.duplicates(), lost));
        }
        return new DemoSummary(rows, droppedByPolicy, seconds);
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
            out.printf(Locale.ROOT, format, r.sensor(), r.failure(), count(r.produced()), count(r.received()),
                    count(r.delivered()), count(r.duplicates()), count(r.lost()));
        }
        out.printf(Locale.ROOT, format, "total", "", count(produced()), count(received()), count(delivered()),
                count(duplicates()), count(lost()));
        out.printf(Locale.ROOT, "  dropped by a queue or spool policy: %d; lost must be 0: %s; %.0f s in all%n",
                droppedByPolicy, lost() == 0 ? "it is" : "IT IS NOT", seconds);
        out.flush();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
