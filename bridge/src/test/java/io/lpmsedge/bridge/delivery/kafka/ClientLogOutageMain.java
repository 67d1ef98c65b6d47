package io.lpmsedge.bridge.delivery.kafka;

import io.lpmsedge.bridge.delivery.RecordStatus;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kafka sink through a broker outage, run in a child JVM by {@link ClientLogOutageTest}, which counts what
 * reaches stderr (the journal, in service). Sends until a batch is delivered and prints "delivered"; waits for
 * a line on stdin (the broker has been stopped), sends on for {@code seconds}, prints "outage over" and halts.
 * Arguments: bootstrap servers, topic, seconds.
 */
public final class ClientLogOutageMain {
    private ClientLogOutageMain() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        List<SpooledRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new SpooledRecord(i, new SpoolEntry(topic, "arm-" + (i % 4), new byte[] {(byte) i})));
        }
        // The sink's defaults, but a short request timeout: a few seconds hold several retry rounds.
        try (KafkaProducerSink sink = new KafkaProducerSink("kafka", bootstrap, Map.of(), Duration.ofSeconds(2))) {
            while (!sink.send(topic, batch).statuses().stream().allMatch(s -> s == RecordStatus.DELIVERED)) {
                Thread.sleep(100);
            }
            System.out.println("delivered");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            Thread lane = new Thread(() -> {
                try {
                    while (true) {
                        sink.send(topic, batch);
                        Thread.sleep(100); // the sender's first back-off steps
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            lane.setDaemon(true);
            lane.start();
            Thread.sleep(Duration.ofSeconds(Long.parseLong(args[2])).toMillis());
            System.out.println("outage over");
            System.out.flush();
            System.err.flush();
            // Not waiting for the send in progress (up to max.block.ms and the topic question) nor for close(),
            // which waits for an unreachable broker: what the outage wrote is all there is to count.
            Runtime.getRuntime().halt(0);
        }
    }
}
