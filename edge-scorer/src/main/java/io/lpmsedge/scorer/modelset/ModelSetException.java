package io.lpmsedge.scorer.modelset;

import java.util.List;

/**
 * A model set that cannot be used; the message lists every problem found (each with where it is and the fix),
 * so one run shows them all.
 */
public final class ModelSetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ModelSetException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ModelSetException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
