package io.lpmsedge.cli;

/**
 * Marker for a picocli {@code @Command} class that is a sub-command of {@code lpms-edge}. Each module lists its
 * sub-commands in {@code META-INF/services/io.lpmsedge.cli.LpmsEdgeSubcommand}; the launcher offers whichever
 * are on the class path, so the Pi package (no simulator) simply has fewer sub-commands.
 */
public interface LpmsEdgeSubcommand {}
