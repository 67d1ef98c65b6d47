package io.lpmsedge.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line systemd shows ({@code systemctl status}): what the sensors that do not stream are doing. */
class ServiceOpsStatusTest {
    private static ProgressSnapshot snapshot(List<String> states) {
        return new ProgressSnapshot(
                states.stream().map(s -> new ProgressSnapshot.Sensor("s", s, 0)).toList(),
                true,
                120,
                0,
                List.of(new ProgressSnapshot.Sink("cluster", 12, 0)));
    }

    @Test
    void allStreamingIsTheShortLine() {
        assertEquals(
                "2/2 sensors streaming, 120 readings; sink cluster 12 pending",
                ServiceOps.describe(snapshot(List.of("STREAMING", "STREAMING"))));
    }

    @Test
    void atStartUpSensorsStillConnectingAreSaidToBeConnecting() {
        // Not "1/3 sensors streaming", which reads as two sensors down.
        assertEquals(
                "1/3 sensors streaming (2 connecting), 120 readings; sink cluster 12 pending",
                ServiceOps.describe(snapshot(List.of("CONNECTING", "STREAMING", "CONFIGURING"))));
    }

    @Test
    void eachKindOfNotStreamingIsCountedInAFixedOrder() {
        assertEquals(
                "0/4 sensors streaming (1 connecting, 2 waiting to reconnect, 1 stopped), 120 readings; "
                        + "sink cluster 12 pending",
                ServiceOps.describe(snapshot(List.of("STOPPED", "BACKOFF", "CONNECTING", "BACKOFF"))));
    }
}
