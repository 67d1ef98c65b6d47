package io.lpmsedge.trainer.kafka;

import io.lpmsedge.cli.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code train}'s other source of normal data: a time range of one sensor on the readings topic
 * ({@code --from-kafka BOOTSTRAP --topic readings --sensor NAME --from T --to T}); the client's security settings
 * come from the cli module's {@code ClientPropertiesOptions}, as for the other cluster commands.
 */
public final class KafkaSourceOptions {
    @Option(
            names = "--from-kafka",
            paramLabel = "BOOTSTRAP",
            description = "Train on readings from the cluster instead of --input: the brokers' host:port[,host:port].")
    private String bootstrap;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "With --from-kafka: the bridge's readings topic (default readings).")
    private String topic;

    @Option(
            names = "--sensor",
            paramLabel = "NAME",
            description = "With --from-kafka: the sensor to train on (its [[sensor]] name on the bridge).")
    private String sensor;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "With --from-kafka: start of the normal running, by record timestamp: an ISO-8601 instant "
                    + "(2026-12-04T10:00:00Z), a local date-time (2026-12-04T11:00) or relative (-2h, -30m).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "With --from-kafka: its end, same forms (default now).")
    private String to;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "DURATION",
            description = "With --from-kafka: longest wait for the cluster to answer (default 30s).")
    private String timeout;

    /** Whether {@code --from-kafka} was given. */
    public boolean given() {
        return bootstrap != null;
    }

    /**
     * The read to make, or an error for options that need {@code --from-kafka} given without it.
     *
     * @throws IllegalArgumentException a missing or unreadable option, or {@code --from} not before {@code --to};
     *                                  the message names the option and the fix
     */
    public ReadingsTopicReader.Request request(Properties client, Clock clock) {
        if (!given()) {
            if (topic != null || sensor != null || from != null || to != null || timeout != null) {
                throw new IllegalArgumentException(
                        "--topic, --sensor, --from, --to and --kafka-timeout go with " + "--from-kafka BOOTSTRAP");
            }
            return null;
        }
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("--from-kafka needs the brokers, e.g. --from-kafka kafka-1:9092");
        }
        if (sensor == null || sensor.isBlank()) {
            throw new IllegalArgumentException(
                    "--from-kafka needs --sensor NAME: the sensor whose normal running " + "to train on");
        }
        if (from == null) {
            throw new IllegalArgumentException("--from-kafka needs --from TIME: the start of the normal running, "
                    + "e.g. --from -30m or --from 2026-12-04T10:00");
        }
        Instant start = TimeArgument.parse("--from", from, clock);
        Instant end = to == null ? clock.instant() : TimeArgument.parse("--to", to, clock);
        Duration wait = timeout == null ? Duration.ofSeconds(30) : DurationText.parse("--kafka-timeout", timeout);
        if (wait.isZero()) {
            throw new IllegalArgumentException("--kafka-timeout must be above 0, e.g. 30s");
        }
        return new ReadingsTopicReader.Request(
                bootstrap.strip(), topic == null ? "readings" : topic, sensor, start, end, wait, client);
    }
}
