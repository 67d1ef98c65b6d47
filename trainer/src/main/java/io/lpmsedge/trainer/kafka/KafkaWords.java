package io.lpmsedge.trainer.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** The Kafka client's own words for a failure (the whole cause chain, never "null"), and the fix to suggest. */
final class KafkaWords {
    private KafkaWords() {}

    /** Each distinct message of {@code e} and its causes, joined: "Failed to construct kafka consumer: No resolvable…". */
    static String of(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return String.join(": ", parts);
    }

    /** A sentence after {@link #of}: what to change, by the kind of failure. */
    static String fix(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return "; check the security settings (--property, --properties-file)";
            }
            if (t instanceof AuthorizationException) {
                return "; the client's principal needs DESCRIBE and READ on the topic";
            }
            if (t instanceof ConfigException) {
                return "; check --from-kafka (host:port[,host:port]) and the --property/--properties-file settings";
            }
        }
        return "";
    }
}
