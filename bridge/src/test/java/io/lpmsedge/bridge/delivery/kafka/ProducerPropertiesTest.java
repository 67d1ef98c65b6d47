package io.lpmsedge.bridge.delivery.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {
    @Test
    void snappyIsRefusedOn32BitArmOnly() {
        String problem = ProducerProperties.compressionProblem("snappy", "arm");
        assertTrue(problem.contains("snappy has no working armhf native library"), problem);
        assertTrue(problem.contains("zstd"), "names the fix: " + problem);
        assertTrue(ProducerProperties.compressionProblem(" Snappy ", "armv7l") != null);
        assertNull(ProducerProperties.compressionProblem("snappy", "aarch64"));
        assertNull(ProducerProperties.compressionProblem("snappy", "amd64"));
        assertNull(ProducerProperties.compressionProblem("zstd", "arm"));
        assertNull(ProducerProperties.compressionProblem(null, "arm"));
    }

    @Test
    void theUserWinsExceptForServersAndSerializers() {
        Map<String, Object> p = ProducerProperties.of(
                "k",
                "h:9092",
                Map.of("max.block.ms", "60000", "bootstrap.servers", "other:1", "key.serializer", "x"),
                Duration.ofSeconds(30),
                true);
        assertEquals(Duration.ofSeconds(60), ProducerProperties.maxBlock(p));
        assertEquals("h:9092", p.get("bootstrap.servers"));
        assertEquals("org.apache.kafka.common.serialization.StringSerializer", p.get("key.serializer"));
        assertEquals(
                ProducerProperties.DEFAULT_MAX_BLOCK,
                ProducerProperties.maxBlock(
                        ProducerProperties.of("k", "h:9092", Map.of(), Duration.ofSeconds(30), true)));
    }

    @Test
    void theTopicQuestionWaitsLikeSendAtLeast5sAtMostARequest() {
        assertEquals(
                Duration.ofSeconds(10),
                KafkaProducerSink.topicCheckTimeout(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertEquals(
                Duration.ofSeconds(5),
                KafkaProducerSink.topicCheckTimeout(Duration.ofMillis(1), Duration.ofSeconds(30)));
        assertEquals(
                Duration.ofSeconds(2),
                KafkaProducerSink.topicCheckTimeout(Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }
}
