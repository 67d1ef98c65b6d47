package io.lpmsedge.bridge.delivery.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the service: slf4j-simple (one line per event on stderr, simplelogger.properties), with
 * the Kafka client library's loggers ({@code org.apache.kafka.*}) routed through a {@link ClientLogLimiter}.
 * Chosen with {@code -Dslf4j.provider=io.lpmsedge.bridge.delivery.kafka.ClientLogProvider} (the launcher sets it);
 * without it slf4j-simple serves every logger unchanged. It is not registered as a service, so it never competes
 * with slf4j-simple on the class path.
 */
public final class ClientLogProvider implements SLF4JServiceProvider {
    static final String KAFKA = "org.apache.kafka";
    private final SLF4JServiceProvider simple;
    private Factory factory;

    /** Called by SLF4J; its MDC adapter is asked for before {@link #initialize()}. */
    public ClientLogProvider() {
        try {
            // slf4j-simple is a runtime dependency; the provider is reached by name, like SLF4J itself does.
            simple = (SLF4JServiceProvider) Class.forName("org.slf4j.simple.SimpleServiceProvider")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("slf4j-simple is missing from the class path: " + e, e);
        }
    }

    @Override
    public void initialize() {
        simple.initialize();
        factory = new Factory(
                simple.getLoggerFactory(),
                new ClientLogLimiter(System::nanoTime, Duration.ofMinutes(1), Duration.ofMinutes(1), 10));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return simple.getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }

    /**
     * Writes the limiter's due summary or end-of-streak line, if this provider serves the JVM's logging (a no-op
     * otherwise). The limiter writes lines only when the client warns; this ends a streak when it falls quiet.
     */
    static void poll() {
        if (LoggerFactory.getILoggerFactory() instanceof Factory f) {
            f.poll();
        }
    }

    /** Kafka's loggers limited, every other logger slf4j-simple's own. */
    static final class Factory implements ILoggerFactory {
        private final ILoggerFactory simple;
        private final ClientLogLimiter limiter;
        private final Logger summaries;
        private final Map<String, Logger> kafka = new ConcurrentHashMap<>();

        Factory(ILoggerFactory simple, ClientLogLimiter limiter) {
            this.simple = simple;
            this.limiter = limiter;
            this.summaries = simple.getLogger(ClientLogLimiter.class.getName());
        }

        @Override
        public Logger getLogger(String name) {
            if (!name.startsWith(KAFKA)) {
                return simple.getLogger(name);
            }
            return kafka.computeIfAbsent(name, n -> new LimitedLogger(simple.getLogger(n), limiter, summaries));
        }

        void poll() {
            String line = limiter.poll();
            if (line != null) {
                summaries.info(line);
            }
        }
    }
}
