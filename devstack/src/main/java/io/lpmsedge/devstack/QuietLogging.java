package io.lpmsedge.devstack;

/**
 * Keeps the embedded broker and the Kafka clients quiet under slf4j-simple, the binding on the developer
 * distribution's class path (bridge ships it at INFO): an INFO broker prints hundreds of lines per start.
 * slf4j-simple reads {@code org.slf4j.simpleLogger.log.<name>} from system properties when a logger is created,
 * so this must run before the first Kafka class logs; a level the user already set on the command line wins.
 */
final class QuietLogging {
    private static final String[] KAFKA_LOGGERS = {"kafka", "org.apache.kafka", "state.change.logger"};

    private QuietLogging() {}

    static void apply() {
        for (String name : KAFKA_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}
