package io.lpmsedge.bridge.config;

/**
 * Where readings go ({@code [sink]}). For now one kind: {@code jsonl}, one JSON object per reading to a file
 * or standard output. The Kafka REST Proxy and Kafka producer sinks are added by the delivery issue.
 *
 * @param path file to append to, or {@code -} for standard output
 */
public record SinkConfig(String type, String path) {
    public static final SinkConfig DEFAULTS = new SinkConfig("jsonl", "-");
}
