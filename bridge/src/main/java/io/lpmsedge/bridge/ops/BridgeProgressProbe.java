package io.lpmsedge.bridge.ops;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.delivery.DeliveryCounters;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.session.SensorCounters;
import io.lpmsedge.bridge.session.SensorSession;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link Bridge}'s counters (all thread-safe) into a snapshot. */
public final class BridgeProgressProbe implements ProgressProbe {
    private final Bridge bridge;

    public BridgeProgressProbe(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public ProgressSnapshot snapshot() {
        List<ProgressSnapshot.Sensor> sensors = new ArrayList<>();
        for (SensorSession s : bridge.sessions()) {
            SensorCounters c = s.counters();
            long activity = c.readings()
                    + c.connects()
                    + c.connectFailures()
                    + c.configureFailures()
                    + c.stalls()
                    + c.disconnects();
            sensors.add(new ProgressSnapshot.Sensor(s.name(), c.state().name(), activity));
        }
        List<ProgressSnapshot.Sink> sinks = new ArrayList<>();
        if (bridge.delivery() != null) {
            for (Sender sender : bridge.delivery().senders()) {
                DeliveryCounters c = sender.counters();
                sinks.add(new ProgressSnapshot.Sink(
                        sender.name(),
                        bridge.delivery().spool().pending(sender.name()),
                        c.requests() + c.delivered() + c.deadLettered()));
            }
        }
        return new ProgressSnapshot(
                sensors,
                bridge.dispatcherAlive(),
                bridge.dispatcher().dispatched(),
                bridge.handoff().size(),
                sinks);
    }
}
