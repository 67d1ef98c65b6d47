package io.lpmsedge.bridge.delivery;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger for a {@link Sender} under test that keeps every ERROR line (formatted) and passes every line on to
 * the real logger, so an alert can be counted.
 */
final class ErrorLines {
    private final List<String> errors = new ArrayList<>();
    private final Logger real = LoggerFactory.getLogger(Sender.class);

    Logger logger() {
        return (Logger) Proxy.newProxyInstance(
                Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("error")
                            && args != null
                            && args.length >= 1
                            && args[0] instanceof String format) {
                        Object[] params = args.length == 2 && args[1] instanceof Object[] a
                                ? a
                                : Arrays.copyOfRange(args, 1, args.length);
                        synchronized (errors) {
                            errors.add(
                                    MessageFormatter.arrayFormat(format, params).getMessage());
                        }
                    }
                    Method m = Logger.class.getMethod(method.getName(), method.getParameterTypes());
                    return m.invoke(real, args);
                });
    }

    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
