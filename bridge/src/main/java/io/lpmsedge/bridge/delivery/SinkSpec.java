package io.lpmsedge.bridge.delivery;

/**
 * One configured sink ({@code [[sink]]}): where records go, and how the sender batches and retries for it. Each
 * sink kind has its own spec record in its own package ({@code file.JsonLinesSpec}, {@code rest.RestProxySpec},
 * {@code kafka.KafkaSpec}); the core reads only what every kind has, and opens the sink through the
 * {@link SinkKinds} it is given.
 */
public interface SinkSpec {
    /** Name from the config: the spool keeps one position per sink under it. */
    String name();

    SenderConfig sender();

    /** One line for {@code check-config}: the kind and where it sends, never a secret. */
    String describe();
}
