package io.lpmsedge.scorer.window;

/**
 * Window length and how far it moves: {@code stride == size} is tumbling, {@code stride < size} sliding.
 *
 * @param size   readings per window
 * @param stride readings between consecutive window closes
 */
public record WindowConfig(int size, int stride) {
    public WindowConfig {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1 reading, got " + size);
        }
        if (stride < 1 || stride > size) {
            throw new IllegalArgumentException(
                    "window stride must be between 1 and the window size " + size + ", got " + stride);
        }
    }

    public static WindowConfig tumbling(int size) {
        return new WindowConfig(size, size);
    }
}
