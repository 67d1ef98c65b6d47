package io.lpmsedge.devstack;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.ThrottlingQuotaExceededException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Maps a producer failure to the per-record error code the real proxy reports (docs/rest-proxy-contract.md#v2-produce,
 * #v3-produce):
 * v2 has only 50003 (retriable) and 50002 (other Kafka errors); v3 goes through rest-utils' KafkaExceptionMapper.
 */
final class KafkaErrors {
    private KafkaErrors() {}

    static int v2Code(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof IllegalArgumentException) {
            return 40402; // a negative explicit partition: the proxy's "partition not found"
        }
        return e instanceof RetriableException ? 50003 : 50002;
    }

    /**
     * Strimzi's HTTP Bridge: 404 when the producer found no metadata for the topic (it then also closes its
     * producer), 500 for any other Kafka exception, the exception's message as the text.
     */
    static int strimziCode(Throwable t) {
        Throwable e = unwrap(t);
        return e instanceof TimeoutException && String.valueOf(e.getMessage()).contains("not present in metadata")
                ? 404
                : 500;
    }

    static int v3Code(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof TimeoutException && String.valueOf(e.getMessage()).contains("not present in metadata")) {
            // kafka-clients says "Topic X not present…" for a missing topic and "Partition N of topic X with
            // partition count M is not present…" for an explicit partition past the end.
            return String.valueOf(e.getMessage()).startsWith("Partition ")
                    ? 40402 // partition not found
                    : 40401; // unknown topic, after max.block.ms (rest-utils PR #310)
        }
        if (e instanceof UnknownTopicOrPartitionException) {
            return 40403;
        }
        if (e instanceof RecordTooLargeException) {
            return 413;
        }
        if (e instanceof ThrottlingQuotaExceededException) {
            return 42901;
        }
        if (e instanceof BrokerNotAvailableException) {
            return 50302;
        }
        if (e instanceof AuthenticationException) {
            return 40101;
        }
        if (e instanceof AuthorizationException) {
            return 40301;
        }
        if (e instanceof IllegalArgumentException) {
            return 40402;
        }
        if (e instanceof RetriableException) {
            return 50003;
        }
        return 50002;
    }

    static String message(Throwable t) {
        Throwable e = unwrap(t);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException
                        || e instanceof ExecutionException
                        || (e instanceof KafkaException && e.getClass() == KafkaException.class))
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
