package io.lpmsedge.bridge.delivery.kafka;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One logger of the Kafka client library: levels as configured for it (simplelogger.properties), warnings and
 * errors through the {@link ClientLogLimiter}, anything below (when enabled for debugging) unlimited.
 */
final class LimitedLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient Logger delegate;
    private final transient ClientLogLimiter limiter;
    private final transient Logger summaries;

    LimitedLogger(Logger delegate, ClientLogLimiter limiter, Logger summaries) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.summaries = summaries;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String template, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(template, arguments);
        if (level == Level.WARN || level == Level.ERROR) {
            ClientLogLimiter.Decision d = limiter.offer(template, message);
            d.summaries().forEach(summaries::warn);
            if (!d.pass()) {
                return;
            }
        }
        delegate.makeLoggingEventBuilder(level)
                .setMessage(message)
                .setCause(throwable)
                .log();
    }
}
