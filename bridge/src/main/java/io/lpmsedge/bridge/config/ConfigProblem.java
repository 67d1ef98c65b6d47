package io.lpmsedge.bridge.config;

/**
 * One thing wrong with a configuration: where (file and line, or the environment variable), which key, what is
 * wrong and how to fix it.
 *
 * @param origin  {@code bridge.toml:12} or {@code env LPMS_EDGE_SINK_PATH}
 * @param keyPath dotted key, sensors by index: {@code sensor[1].rate_hz}
 */
public record ConfigProblem(String origin, String keyPath, String message) {
    @Override
    public String toString() {
        return origin + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
