package io.lpmsedge.fleet;

import io.lpmsedge.record.status.StatusEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the fleet knows of one bridge name. Guarded by the {@link FleetState} lock. */
final class BridgeRecord {
    /** Boot ids remembered per name: enough to see two processes alternate, bounded against a restart loop. */
    private static final int BOOTS_KEPT = 8;

    final String name;
    StatusEvent latest;
    long heardAt = -1;
    String currentBoot;
    long restarts;
    final TreeSet<String> clashBoots = new TreeSet<>();
    long lastClashAt = -1;
    long clockAheadMillis;
    final Map<String, MachineRecord> machines = new TreeMap<>();
    /** Highest seq seen per boot id, oldest boot first. */
    final Map<String, Long> bootSeq = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > BOOTS_KEPT;
        }
    };

    BridgeRecord(String name) {
        this.name = name;
    }

    MachineRecord machine(String sensor) {
        return machines.computeIfAbsent(sensor, MachineRecord::new);
    }

    long interval() {
        return latest == null ? FleetState.DEFAULT_INTERVAL_MILLIS : latest.intervalMillis();
    }
}
