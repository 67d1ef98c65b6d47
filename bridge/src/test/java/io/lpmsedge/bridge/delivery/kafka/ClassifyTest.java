package io.lpmsedge.bridge.delivery.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.delivery.RecordStatus;
import java.util.Set;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** What each exception of kafka-clients makes of a record: the input of the Sender's retry table. */
class ClassifyTest {
    @Test
    void credentialsAndAclsAreAuthFailuresAlsoWhenWrapped() {
        assertEquals(
                RecordStatus.AUTH_FAILED, KafkaProducerSink.classify(new SaslAuthenticationException("bad password")));
        assertEquals(RecordStatus.AUTH_FAILED, KafkaProducerSink.classify(new SslAuthenticationException("handshake")));
        assertEquals(
                RecordStatus.AUTH_FAILED, KafkaProducerSink.classify(new TopicAuthorizationException(Set.of("r"))));
        assertEquals(
                RecordStatus.AUTH_FAILED,
                KafkaProducerSink.classify(
                        new KafkaException("send failed", new SaslAuthenticationException("bad password"))));
    }

    @Test
    void tooLargeSplitsOrDeadLetters() {
        assertEquals(RecordStatus.TOO_LARGE, KafkaProducerSink.classify(new RecordTooLargeException("2 MB")));
        assertEquals(RecordStatus.TOO_LARGE, KafkaProducerSink.classify(new RecordBatchTooLargeException("batch")));
    }

    @Test
    void aMissingTopicIsOnlySuspectedFromMetadataTimeoutsAndUnknownTopic() {
        assertEquals(
                RecordStatus.TOPIC_MISSING,
                KafkaProducerSink.classify(
                        new TimeoutException("Topic readings not present in metadata after 10000 ms.")));
        assertEquals(
                RecordStatus.TOPIC_MISSING,
                KafkaProducerSink.classify(
                        new UnknownTopicOrPartitionException("This server does not host this topic-partition.")));
    }

    @Test
    void timeoutsAndTransientBrokerErrorsAreRetried() {
        assertEquals(
                RecordStatus.RETRY,
                KafkaProducerSink.classify(new TimeoutException(
                        "Expiring 13 record(s) for readings-0: 30012 ms has passed since batch creation")));
        assertEquals(
                RecordStatus.RETRY,
                KafkaProducerSink.classify(new TimeoutException(
                        "Failed to allocate memory within the configured max blocking time 10000 ms.")));
        assertEquals(RecordStatus.RETRY, KafkaProducerSink.classify(new NotLeaderOrFollowerException("moved")));
    }

    @Test
    void ourOwnStateIsNeverTheRecordsFault() {
        assertEquals(
                RecordStatus.RETRY,
                KafkaProducerSink.classify(
                        new IllegalStateException("Cannot perform operation after producer has been closed")));
        assertEquals(RecordStatus.RETRY, KafkaProducerSink.classify(new OutOfOrderSequenceException("seq")));
        assertEquals(RecordStatus.RETRY, KafkaProducerSink.classify(new KafkaException("unexpected")));
        boolean wasInterrupted;
        try {
            assertEquals(
                    RecordStatus.RETRY, KafkaProducerSink.classify(new InterruptException(new InterruptedException())));
        } finally {
            wasInterrupted = Thread.interrupted(); // InterruptException re-sets the flag; clear it for other tests
        }
        assertTrue(wasInterrupted);
    }

    @Test
    void onlyTheBrokersRefusalOfTheRecordDeadLetters() {
        assertEquals(RecordStatus.REJECTED, KafkaProducerSink.classify(new InvalidRecordException("null key")));
    }

    @Test
    void reasonIsTheLibrarysOwnWords() {
        assertEquals(
                "TimeoutException: Topic r not present in metadata after 1 ms.",
                KafkaProducerSink.reason(new TimeoutException("Topic r not present in metadata after 1 ms.")));
    }
}
