package io.lpmsedge.scoreservice;

import io.lpmsedge.scorer.manifest.ScorerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The score-service inside another program (the demo): the same {@link ScoreService} the command runs, on its
 * own thread, emitting verdict changes; {@link #close()} commits and leaves the group.
 */
public final class EmbeddedScoreService implements AutoCloseable {
    private final ScoreService service;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private EmbeddedScoreService(ScoreService service) {
        this.service = service;
        this.thread = new Thread(
                () -> {
                    try {
                        service.run();
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "score-service");
        // a host that fails before close() must still be able to exit: the service holds nothing to flush then
        thread.setDaemon(true);
    }

    /**
     * @param modelName written into each verdict event's {@code model} field
     */
    public static EmbeddedScoreService start(
            String bootstrapServers,
            String inTopic,
            String outTopic,
            String groupId,
            ScorerConfig config,
            String modelName) {
        Properties common = new Properties();
        common.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Properties consumer = new Properties();
        consumer.putAll(common);
        consumer.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        Properties producer = new Properties();
        producer.putAll(common);
        EmbeddedScoreService s = new EmbeddedScoreService(new ScoreService(
                new ServiceSettings(inTopic, outTopic, consumer, producer, Emit.CHANGES, Optional.empty()),
                ModelSet.single(modelName, config, config.model().file(), null)));
        s.thread.start();
        return s;
    }

    /** Records consumed, scored, duplicates skipped, events produced, … (names as the command prints them). */
    public Map<String, Long> counters() {
        return service.counters().snapshot();
    }

    /** Which model scores each sensor seen so far (sensor name → model name). */
    public Map<String, String> sensorModels() {
        return Map.copyOf(service.counters().sensorModels);
    }

    /** Stops, commits and waits for the service thread; rethrows a failure of the service. */
    @Override
    public void close() throws InterruptedException {
        service.stop();
        thread.join(30_000);
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
