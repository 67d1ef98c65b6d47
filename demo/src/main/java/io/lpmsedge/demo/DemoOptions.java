package io.lpmsedge.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param workDir where to keep bridge.toml, the spool and the ground truth; null = a temporary directory
 * @param keep    keep the temporary directory instead of deleting it
 * @param outage  how long the REST proxy is down midway (zero = no outage)
 */
public record DemoOptions(
        Duration duration, int sensors, long seed, int httpPort, Path workDir, boolean keep, Duration outage) {}
