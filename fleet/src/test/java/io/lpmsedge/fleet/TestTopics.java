package io.lpmsedge.fleet;

import io.lpmsedge.devstack.DevStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;

/** Fresh topics on the shared test broker; the status topic compacted, as docs/fleet.md recommends. */
final class TestTopics {
    private TestTopics() {}

    static String compacted(String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        DevStack.shared()
                .kafka()
                .admin()
                .createTopics(List.of(new NewTopic(name, 1, (short) 1)
                        .configs(Map.of(
                                "cleanup.policy", "compact", "segment.ms", "600000", "min.compaction.lag.ms", "0"))))
                .all()
                .get();
        return name;
    }

    static SimulatedPi.FleetTopicsForTest fresh() throws Exception {
        DevStack stack = DevStack.shared();
        return new SimulatedPi.FleetTopicsForTest(
                stack.newTopic("readings", 2), stack.newTopic("verdicts", 2), compacted("status"));
    }
}
