package io.lpmsedge.bridge.config;

import java.util.List;

/** The configuration cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String summary(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder(
                problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the configuration:");
        for (ConfigProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
