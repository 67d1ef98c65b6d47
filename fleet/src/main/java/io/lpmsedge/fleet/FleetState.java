package io.lpmsedge.fleet;

import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import io.lpmsedge.record.status.StatusFormatException;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.record.verdict.VerdictEventJson;
import io.lpmsedge.record.verdict.VerdictFormatException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet as the topics tell it: the last status event of every bridge name, and every machine's verdicts.
 * Fed by one consumer thread ({@link #status}, {@link #verdict}), read by the HTTP thread ({@link #view()});
 * synchronized, small. Time comes from the injected {@link Clock}, so OFFLINE and ages are testable without
 * waiting.
 *
 * <p>Arrival time ("heard at") is the Kafka record's timestamp, capped at now: replaying the topics at start
 * gives each bridge the age it really has, and a bridge whose clock runs ahead cannot keep itself ONLINE. Ages
 * inside an event are relative to its own build time, so the fleet never needs the Pi's clock to be right.
 *
 * <p>Bad input never throws: each kind is counted ({@link BadInput}) and shown. A status value that is not
 * JSON, has another schema or lacks a field; a bridge name used by two boots at once (alternating); an event
 * whose time is ahead of its arrival by more than {@link #FUTURE_TOLERANCE_MILLIS}.
 */
public final class FleetState {
    /** Assumed for a bridge until its first status event says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 10_000;
    /** Clocks this far apart are normal (NTP not yet synced after boot is worse, and is what this catches). */
    static final long FUTURE_TOLERANCE_MILLIS = 60_000;

    private final Clock clock;
    private final StatusEventJson json = new StatusEventJson();
    private final VerdictEventJson verdictJson = new VerdictEventJson();
    private final Map<String, BridgeRecord> bridges = new TreeMap<>();
    private final BadInput bad = new BadInput();
    private volatile boolean caughtUp;

    public FleetState(Clock clock) {
        this.clock = clock;
    }

    /** Marks the end of the replay at start: the page stops saying "rebuilding". */
    public void caughtUp() {
        caughtUp = true;
    }

    /**
     * One record of the status topic.
     *
     * @param recordTimestamp the Kafka record's timestamp (ms)
     * @param where           topic, partition and offset, for the problem list
     */
    public synchronized void status(byte[] value, long recordTimestamp, String where) {
        long now = clock.millis();
        StatusEvent e;
        try {
            e = json.decode(value);
        } catch (StatusFormatException ex) {
            bad.add(now, "status/" + ex.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), where,
                    ex.getMessage());
            return;
        }
        long heardAt = Math.min(recordTimestamp, now);
        BridgeRecord b = bridges.computeIfAbsent(e.bridge(), BridgeRecord::new);
        Long lastSeq = b.bootSeq.get(e.bootId());
        if (lastSeq != null && e.seq() <= lastSeq) {
            return; // a resent or late copy of an event already applied (delivery is at least once)
        }
        if (b.currentBoot != null && !b.currentBoot.equals(e.bootId())) {
            if (lastSeq != null) {
                // back to a boot id we had moved on from: a restarted bridge never reuses one, so two run
                b.clashBoots.add(e.bootId());
                b.clashBoots.add(b.currentBoot);
                b.lastClashAt = heardAt;
                bad.add(now, "status/name-clash", "bridge " + e.bridge(), "boots " + e.bootId() + " and "
                        + b.currentBoot + " both publish as '" + e.bridge() + "'; give each bridge its own "
                        + "[bridge] name");
            } else {
                b.restarts++;
            }
        }
        b.bootSeq.put(e.bootId(), e.seq());
        b.currentBoot = e.bootId();
        long ahead = Math.max(e.timeMillis(), recordTimestamp) - heardAt;
        b.clockAheadMillis = ahead > FUTURE_TOLERANCE_MILLIS ? ahead : 0;
        if (b.clockAheadMillis > 0) {
            bad.add(now, "status/from-future", "bridge " + e.bridge(), "an event (" + where + ") dated "
                    + b.clockAheadMillis / 1000 + " s ahead of its arrival: its clock is wrong (check NTP on the Pi); "
                    + "ages are still right, they are relative");
        }
        for (StatusEvent.Sensor s : e.sensors()) {
            MachineRecord m = b.machine(s.name());
            boolean judged = "OK".equals(s.verdict()) || "FAILURE".equals(s.verdict());
            // changed between the two status events; unless a verdict event already told exactly when
            boolean known = m.lastChange != null && m.lastChange.verdict().equals(s.verdict())
                    && m.lastChange.atMillis() > m.statusVerdictAt;
            if (judged && m.statusVerdict != null && !s.verdict().equals(m.statusVerdict) && !known) {
                m.noteChange(s.verdict(), m.statusVerdict, e.timeMillis(), "edge", false, 0);
            }
            m.statusVerdict = judged ? s.verdict() : null;
            m.statusVerdictAt = e.timeMillis();
            if (s.model() != null) {
                m.model = s.model();
            }
        }
        b.latest = e;
        b.heardAt = heardAt;
    }

    /**
     * One record of a verdict topic.
     *
     * @param cluster true for the score-service's topic, false for the bridges' own verdicts
     */
    public synchronized void verdict(boolean cluster, byte[] value, long recordTimestamp, String where) {
        long now = clock.millis();
        VerdictEvent n;
        try {
            n = verdictJson.decode(value);
        } catch (VerdictFormatException ex) {
            bad.add(now, (cluster ? "cluster-verdicts/" : "verdicts/") + ex.kind().label(), where, ex.getMessage());
            return;
        }
        BridgeRecord b = bridges.computeIfAbsent(n.bridge(), BridgeRecord::new);
        MachineRecord m = b.machine(n.sensor());
        long heardAt = Math.min(recordTimestamp, now);
        if (cluster) {
            m.clusterVerdict = n.verdict();
            if (n.changed()) {
                m.noteChange(n.verdict(), n.previousVerdict(), heardAt, "cluster", true, 0);
            }
            return;
        }
        // the bridge's receive time of the window's last reading; the record's arrival when the readings had none
        long at = n.recvNs() != 0 ? n.recvNs() / 1_000_000 : heardAt;
        if (at >= m.eventVerdictAt) {
            m.eventVerdict = n.verdict();
            m.eventVerdictAt = at;
        }
        if (!n.model().isEmpty()) {
            m.model = n.model();
        }
        if (n.changed()) {
            m.noteChange(n.verdict(), n.previousVerdict(), at, "edge", true, 2 * b.interval());
        }
    }

    /** Counted bad input of one kind, e.g. {@code status/not-json} (tests, metrics). */
    public synchronized long problems(String kind) {
        return bad.count(kind);
    }

    public synchronized FleetView view() {
        long now = clock.millis();
        List<FleetView.Bridge> out = new ArrayList<>();
        for (BridgeRecord b : bridges.values()) {
            out.add(bridge(b, now));
        }
        return new FleetView(now, caughtUp, out, bad.view());
    }

    private static FleetView.Bridge bridge(BridgeRecord b, long now) {
        StatusEvent e = b.latest;
        Liveness live = Liveness.judge(b.heardAt, b.interval(), e != null && e.stopping(), now);
        boolean clash = b.lastClashAt >= 0 && now - b.lastClashAt <= Liveness.OFFLINE_AFTER_INTERVALS * b.interval();
        List<FleetView.Machine> machines = new ArrayList<>();
        if (e == null) {
            b.machines.values().forEach(m -> machines.add(MachineJudge.judge(m, null, live, 0, 0)));
        } else {
            for (StatusEvent.Sensor s : e.sensors()) {
                machines.add(MachineJudge.judge(b.machine(s.name()), s, live, now - b.heardAt, e.timeMillis()));
            }
        }
        return new FleetView.Bridge(b.name, live, b.currentBoot, e == null ? null : e.version(),
                e == null ? 0 : e.uptimeMillis(), b.heardAt < 0 ? -1 : now - b.heardAt, b.interval(), b.restarts,
                clash ? List.copyOf(b.clashBoots) : List.of(), b.clockAheadMillis, e == null ? null : e.spool(),
                e == null ? List.of() : e.sinks(), machines);
    }
}
