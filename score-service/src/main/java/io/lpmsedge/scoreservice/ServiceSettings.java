package io.lpmsedge.scoreservice;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * One instance's settings, parsed and checked by the command.
 *
 * @param consumer kafka-clients consumer properties (bootstrap, group, security…); the service sets its own
 *                 deserializers and turns auto-commit off
 * @param producer kafka-clients producer properties; idempotence and {@code acks=all} are set unless overridden
 * @param warmup   how far before a partition's committed position a new owner starts reading to rebuild windows,
 *                 verdicts and dedupe state (by record timestamp); empty: derived from the models ({@link Warmup})
 */
record ServiceSettings(
        String inTopic,
        String outTopic,
        Properties consumer,
        Properties producer,
        Emit emit,
        Optional<Duration> warmup) {
    /** The warm-up for a takeover now: the one given, else what the current models need ({@link Warmup}). */
    Duration warmupFor(ModelSet models) {
        return warmup.orElseGet(() -> Warmup.forModels(models));
    }
}
