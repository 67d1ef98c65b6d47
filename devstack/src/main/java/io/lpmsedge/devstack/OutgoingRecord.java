package io.lpmsedge.devstack;

import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * A record decoded from a request body into the exact bytes the stand-in writes, like the proxy's shared
 * {@code KafkaProducer<byte[],byte[]>} does.
 *
 * @param partition explicit partition, or null for Kafka's default partitioner (murmur2 of the key bytes)
 * @param key       key bytes or null
 * @param value     value bytes or null
 * @param headers   record headers (v3 only)
 * @param timestamp CreateTime in epoch ms, or null to let the producer stamp it (v2 always)
 */
record OutgoingRecord(Integer partition, byte[] key, byte[] value, List<Header> headers, Long timestamp) {}
