package io.lpmsedge.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the fleet could not use, by kind ({@code status/not-json}, {@code status/unknown-schema},
 * {@code status/name-clash}, …), and keeps the latest few with where they came from, for the page. Never
 * throws: bad input is a thing to show, not a reason to stop. Not thread-safe (the {@link FleetState} lock).
 */
final class BadInput {
    private static final int RECENT = 20;
    private final Map<String, Long> byKind = new TreeMap<>();
    private final Deque<FleetView.Problem> recent = new ArrayDeque<>();
    private long total;

    /**
     * Counts one more of {@code kind}. In the recent list an older entry of the same kind and place is replaced,
     * so a bridge that keeps sending events from the future shows once, not twenty times.
     */
    void add(long atMillis, String kind, String where, String message) {
        total++;
        byKind.merge(kind, 1L, Long::sum);
        recent.removeIf(p -> p.kind().equals(kind) && p.where().equals(where));
        recent.addFirst(new FleetView.Problem(atMillis, kind, where, message));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    long count(String kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    FleetView.Problems view() {
        return new FleetView.Problems(total, byKind, new ArrayList<>(recent));
    }

    List<FleetView.Problem> recent() {
        return List.copyOf(recent);
    }
}
