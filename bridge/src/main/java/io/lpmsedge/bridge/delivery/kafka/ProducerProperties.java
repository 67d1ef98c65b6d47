package io.lpmsedge.bridge.delivery.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer's configuration: our defaults, then the user's {@code properties} (which win), then what must be
 * ours (bootstrap servers, serializers). One place, so the sink and the config check agree.
 */
public final class ProducerProperties {
    /**
     * How long {@code send()} may wait for a topic's metadata (or for buffer space) by default. The first
     * connection of a Pi on slow Wi-Fi, or TLS + SASL to a cloud cluster, takes several seconds; 2 s was too short
     * and made a slow first answer look like a missing topic. A timeout costs one retry, never order or data.
     */
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);

    private ProducerProperties() {}

    /**
     * @param user       passed through (security.protocol, sasl.*, ssl.*, compression.type, max.block.ms, …)
     * @param jsonValues the values are JSON text: zstd level 1 instead of 3 unless {@code user} says otherwise.
     *                   Measured (BENCHMARKS.md "Delivery"): on JSON, level 3 spends a third more CPU for 2 % fewer
     *                   bytes, and that CPU bounds the catch-up after an outage; on CBOR the higher level is what
     *                   keeps a 16-bit reading within 40 B on the wire.
     * @throws IllegalArgumentException for a setting this machine cannot run ({@link #compressionProblem})
     */
    public static Map<String, Object> of(
            String sinkName,
            String bootstrapServers,
            Map<String, String> user,
            Duration requestTimeout,
            boolean jsonValues) {
        String problem =
                compressionProblem(user.get(ProducerConfig.COMPRESSION_TYPE_CONFIG), System.getProperty("os.arch", ""));
        if (problem != null) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + problem);
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(DEFAULT_MAX_BLOCK.toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, jsonValues ? "1" : "3");
        // Big batches compress better and catch up faster after an outage; the buffer stays small for -Xmx64m.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8 << 20));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(requestTimeout.toMillis(), 5000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(requestTimeout.toMillis() - 10, 1000)));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lpms-edge-" + sinkName);
        p.putAll(user);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** The effective {@code max.block.ms} of a configuration built by {@link #of}. */
    static Duration maxBlock(Map<String, Object> properties) {
        return Duration.ofMillis(Long.parseLong(String.valueOf(properties.get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
                .trim()));
    }

    /**
     * Why {@code compression.type} cannot work on this machine, or null. snappy-java's bundled native library for
     * 32-bit ARM is built soft-float: on a Raspberry Pi OS / Debian armhf JVM it fails to load, and every batch
     * would fail to compress at run time. The default, zstd, has a working armhf native.
     *
     * @param osArch {@code System.getProperty("os.arch")}: {@code arm} on a 32-bit ARM JVM, {@code aarch64} on 64-bit
     */
    public static String compressionProblem(String compressionType, String osArch) {
        if (compressionType == null || !compressionType.trim().equalsIgnoreCase("snappy")) {
            return null;
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean arm32 = arch.equals("arm") || arch.startsWith("armv") || arch.equals("armhf") || arch.equals("armel");
        if (!arm32) {
            return null;
        }
        return "compression.type = \"snappy\" cannot work on this 32-bit ARM system (os.arch " + osArch + "): "
                + "snappy has no working armhf native library; remove it to use the default zstd, or set "
                + "\"lz4\", \"gzip\" or \"none\"";
    }
}
