package io.lpmsedge.bridge.scoring;

import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.record.verdict.VerdictEventJson;
import java.util.List;

/**
 * Appends verdict events to the bridge's spool, keyed by sensor name on the verdict topic, so the same senders
 * deliver them as the readings and they survive an outage or a restart the same way. A verdict change is fsynced
 * at once (they are rare and are what an operator waits for), and the fsync itself wakes the senders (the spool
 * signals its readable listeners); window summaries ride along with the next fsync of the readings.
 */
public final class SpoolVerdictPublisher implements VerdictPublisher {
    private final Spool spool;
    private final String topic;
    private final VerdictEventJson json = new VerdictEventJson();

    public SpoolVerdictPublisher(Spool spool, String topic) {
        this.spool = spool;
        this.topic = topic;
    }

    @Override
    public void publish(VerdictEvent event, boolean urgent) {
        spool.append(List.of(new SpoolEntry(topic, event.sensor(), json.encode(event))));
        if (urgent) {
            spool.sync();
        }
    }
}
