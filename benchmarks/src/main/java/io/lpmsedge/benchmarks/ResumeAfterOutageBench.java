package io.lpmsedge.benchmarks;

import io.lpmsedge.bridge.delivery.DeadLetterFile;
import io.lpmsedge.bridge.delivery.Sender;
import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxyConfig;
import io.lpmsedge.bridge.delivery.rest.RestProxySink;
import io.lpmsedge.bridge.spool.Spool;
import io.lpmsedge.bridge.spool.SpoolConfig;
import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpoolFullPolicy;
import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.devstack.StandInOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * "Proxy back → first delivery": how long the REST sink takes to deliver again once a proxy that was down comes
 * back (issue 15: it took 6–12 s after a 10 s outage while its back-off had grown). A broker and the REST stand-in
 * run in this JVM; readings of 20 sensors are spooled at 800/s throughout; the sender runs with the default sink
 * settings. Each round takes the proxy's listener down (connections refused, as when the proxy restarts or
 * the Pi's Wi-Fi drops), waits the outage, brings it back and times the first delivery after that.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.ResumeAfterOutageBench \
 *     [ROUNDS] [OUTAGE_SECONDS] [v2|v3] [RECONNECT_BACKOFF_MAX_MS]</pre>
 * The last argument (default: the sink's default, 250 ms) set to 30000 reproduces the behaviour before the
 * reconnect cap (the growing retry back-off alone).
 */
public final class ResumeAfterOutageBench {
    private ResumeAfterOutageBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int outageSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RestProxyConfig.Api api =
                args.length > 2 && args[2].equals("v2") ? RestProxyConfig.Api.V2 : RestProxyConfig.Api.V3;
        SenderConfig sender = SenderConfig.DEFAULTS;
        if (args.length > 3) {
            sender = sender.withReconnectBackoffMax(Duration.ofMillis(Long.parseLong(args[3])));
        }
        Path dir = Files.createTempDirectory("resume-bench");
        try (DevStack stack = DevStack.start(0, StandInOptions.defaults())) {
            String topic = stack.newTopic("readings", 3);
            Spool spool = Spool.open(
                    new SpoolConfig(
                            dir.resolve("spool"),
                            256L << 20,
                            16 << 20,
                            Duration.ofMillis(20),
                            Duration.ofSeconds(1),
                            SpoolFullPolicy.DROP_OLDEST),
                    List.of("proxy"),
                    Clock.systemUTC());
            RestProxySink sink = new RestProxySink(
                    "proxy",
                    RestProxyConfig.builder(stack.restProxy().baseUrl())
                            .api(api)
                            .build(),
                    true);
            Sender s = new Sender(
                    sink,
                    spool,
                    sender,
                    new DeadLetterFile(dir.resolve("dead.jsonl")),
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            Thread senderThread = new Thread(s, "sender");
            Feeder feeder = new Feeder(spool, s, topic);
            Thread feederThread = new Thread(feeder, "feeder");
            feederThread.start();
            senderThread.start();
            Thread.sleep(3000); // warm-up: connections, JIT, the stand-in's producer
            System.out.printf(
                    "REST %s, outage %d s, reconnect back-off cap %d ms, retry back-off %d ms..%d ms%n",
                    api,
                    outageSeconds,
                    sender.reconnectBackoffMax().toMillis(),
                    sender.retryBackoffInitial().toMillis(),
                    sender.retryBackoffMax().toMillis());
            long[] millis = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                stack.restProxy().stop();
                Thread.sleep(outageSeconds * 1000L); // the outage itself
                long before = s.counters().delivered();
                stack.restProxy().start();
                long t0 = System.nanoTime();
                while (s.counters().delivered() == before) {
                    Thread.onSpinWait();
                }
                millis[r] = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf(
                        "round %d: proxy back -> first delivery %d ms (%d records waiting)%n",
                        r + 1, millis[r], spool.pending("proxy"));
                Thread.sleep(2000); // let it catch up before the next outage
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "proxy back -> first delivery over %d rounds: median %d ms, max %d ms%n",
                    rounds, sorted[rounds / 2], sorted[rounds - 1]);
            System.out.println("failures by code over the run: " + s.counters().errors());
            feeder.stop = true;
            feederThread.join();
            s.stop(Duration.ZERO);
            senderThread.join(10_000);
            spool.close();
        }
    }

    /** 20 sensors' readings, 40 every 50 ms (800/s), spooled as a SpoolWriter would. */
    private static final class Feeder implements Runnable {
        private final Spool spool;
        private final Sender sender;
        private final String topic;
        private final byte[][] values = new byte[20][];
        volatile boolean stop;

        Feeder(Spool spool, Sender sender, String topic) {
            this.spool = spool;
            this.sender = sender;
            this.topic = topic;
        }

        @Override
        public void run() {
            long seq = 0;
            while (!stop) {
                List<SpoolEntry> batch = new ArrayList<>(40);
                for (int i = 0; i < 40; i++) {
                    int sensor = i % 20;
                    values[sensor] = ("{\"schema\":1,\"sensor\":\"arm-" + sensor + "\",\"seq\":" + seq++
                                    + ",\"acc\":[0.01,-0.02,9.81]}")
                            .getBytes(StandardCharsets.UTF_8);
                    batch.add(new SpoolEntry(topic, "arm-" + sensor, values[sensor]));
                }
                spool.append(batch);
                spool.sync(); // only durable records are sent
                sender.wakeUp();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
