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
 *
 * <p>Memory is bounded whatever the topics hold: at most {@code maxBridges} bridge names and
 * {@link #MAX_MACHINES_PER_BRIDGE} machines per bridge are tracked; more are refused and counted
 * ({@code status/too-many-bridges}, {@code …/too-many-machines}), never a growing map fed by garbage names. A bridge
 * leaves the fleet when a tombstone (its name as key, no value) is written to the status topic
 * (docs/fleet.md#retiring-a-bridge); compaction then removes it from the topic too.
 */
public final class FleetState {
    /** Assumed for a bridge until its first status event says otherwise. */
    static final long DEFAULT_INTERVAL_MILLIS = 10_000;
    /** Clocks this far apart are normal (NTP not yet synced after boot is worse, and is what this catches). */
    static final long FUTURE_TOLERANCE_MILLIS = 60_000;
    /** Default bound on tracked bridge names: far above a plant's Pis, far below a memory problem. */
    public static final int DEFAULT_MAX_BRIDGES = 1000;
    /** A bridge reads a handful of sensors; this many is a misconfiguration or garbage sensor names. */
    static final int MAX_MACHINES_PER_BRIDGE = 256;

    private final Clock clock;
    private final StatusEventJson json = new StatusEventJson();
    private final VerdictEventJson verdictJson = new VerdictEventJson();
    private final Map<String, BridgeRecord> bridges = new TreeMap<>();
    private final BadInput bad = new BadInput();
    private final int maxBridges;
    private volatile boolean caughtUp;

    public FleetState(Clock clock) {
        this(clock, DEFAULT_MAX_BRIDGES);
    }

    public FleetState(Clock clock, int maxBridges) {
        if (maxBridges < 1) {
            throw new IllegalArgumentException("maxBridges must be at least 1, was " + maxBridges);
        }
        this.clock = clock;
        this.maxBridges = maxBridges;
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
        status(null, value, recordTimestamp, where);
    }

    /**
     * One record of the status topic with its key: a tombstone (a key and no value) retires that bridge, the way
     * a compacted topic forgets it.
     */
    public synchronized void status(String key, byte[] value, long recordTimestamp, String where) {
        long now = clock.millis();
        if (value == null && key != null && !key.isEmpty()) {
            bridges.remove(key);
            return;
        }
        StatusEvent e;
        try {
            e = json.decode(value);
        } catch (StatusFormatException ex) {
            bad.add(
                    now,
                    "status/" + ex.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    where,
                    ex.getMessage());
            return;
        }
        long heardAt = Math.min(recordTimestamp, now);
        BridgeRecord b = bridge(e.bridge(), now, where);
        if (b == null) {
            return;
        }
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
                bad.add(
                        now,
                        "status/name-clash",
                        "bridge " + e.bridge(),
                        "boots " + e.bootId() + " and "
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
            bad.add(
                    now,
                    "status/from-future",
                    "bridge " + e.bridge(),
                    "an event (" + where + ") dated "
                            + b.clockAheadMillis / 1000
                            + " s ahead of its arrival: its clock is wrong (check NTP on the Pi); "
                            + "ages are still right, they are relative");
        }
        for (StatusEvent.Sensor s : e.sensors()) {
            MachineRecord m = machine(b, s.name(), now, where, "status");
            if (m == null) {
                continue;
            }
            boolean judged = "OK".equals(s.verdict()) || "FAILURE".equals(s.verdict());
            // changed between the two status events; unless a verdict event already told exactly when
            boolean known = m.lastChange != null
                    && m.lastChange.verdict().equals(s.verdict())
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
            bad.add(
                    now,
                    (cluster ? "cluster-verdicts/" : "verdicts/") + ex.kind().label(),
                    where,
                    ex.getMessage());
            return;
        }
        String kind = cluster ? "cluster-verdicts" : "verdicts";
        BridgeRecord b = bridge(n.bridge(), now, where);
        MachineRecord m = b == null ? null : machine(b, n.sensor(), now, where, kind);
        if (m == null) {
            return;
        }
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

    /** The record of a bridge name, or null (counted) when {@code maxBridges} names are tracked already. */
    private BridgeRecord bridge(String name, long now, String where) {
        BridgeRecord b = bridges.get(name);
        if (b == null) {
            if (bridges.size() >= maxBridges) {
                bad.add(
                        now,
                        "status/too-many-bridges",
                        where,
                        "bridge '" + preview(name) + "' not tracked: "
                                + maxBridges
                                + " bridges are; retire decommissioned ones (a tombstone on the status topic, "
                                + "docs/fleet.md#retiring-a-bridge) or raise --max-bridges");
                return null;
            }
            b = new BridgeRecord(name);
            bridges.put(name, b);
        }
        return b;
    }

    private MachineRecord machine(BridgeRecord b, String sensor, long now, String where, String topicKind) {
        if (!b.machines.containsKey(sensor) && b.machines.size() >= MAX_MACHINES_PER_BRIDGE) {
            bad.add(
                    now,
                    topicKind + "/too-many-machines",
                    where,
                    "sensor '" + preview(sensor) + "' of bridge '"
                            + preview(b.name) + "' not tracked: it has " + MAX_MACHINES_PER_BRIDGE
                            + " already; a bridge "
                            + "reads a handful, so check what writes these names");
            return null;
        }
        return b.machine(sensor);
    }

    /** A name as it can be shown in a problem line: garbage can be long. */
    private static String preview(String name) {
        return name.length() <= 60 ? name : name.substring(0, 59) + "…";
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
                MachineRecord m = b.machines.get(s.name()); // absent: refused by the bound, counted on arrival
                if (m != null) {
                    machines.add(MachineJudge.judge(m, s, live, now - b.heardAt, e.timeMillis()));
                }
            }
        }
        return new FleetView.Bridge(
                b.name,
                live,
                b.currentBoot,
                e == null ? null : e.version(),
                e == null ? 0 : e.uptimeMillis(),
                b.heardAt < 0 ? -1 : now - b.heardAt,
                b.interval(),
                b.restarts,
                clash ? List.copyOf(b.clashBoots) : List.of(),
                b.clockAheadMillis,
                e == null ? null : e.spool(),
                e == null ? List.of() : e.sinks(),
                machines);
    }
}
