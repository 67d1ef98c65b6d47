package io.lpmsedge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a metrics table in {@code docs/} to what a process really exports, both ways: every family the
 * exposition text has is documented, and every documented name is exported. A user builds alerts from the docs
 * table, so a metric missing there is invisible and a stale row is an alert that never fires.
 *
 * <p>The table's first column holds the names in backticks without the prefix the section states, labels in
 * braces ({@code `sensor_up`}, {@code `sink_errors_total{code}`}, several per cell allowed). The exposition side
 * reads the Prometheus text format's {@code # TYPE name kind} lines; a counter's samples end in {@code _total}, and
 * so does its name in the docs.
 */
public final class DocumentedMetrics {
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([a-z][a-z0-9_]*)(\\{[^`]*})?`");

    private DocumentedMetrics() {}

    /**
     * The names in the first column of the table(s) under {@code heading} (a markdown heading line such as
     * {@code "### Metrics"}, up to the next heading of any level), each with {@code prefix} put in front.
     *
     * @throws IllegalArgumentException the heading is not in the file, or no name is under it
     */
    public static Set<String> inDoc(Path markdown, String heading, String prefix) {
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalArgumentException(markdown + " has no line '" + heading + "'");
        }
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            String firstCell = line.substring(1, Math.max(1, line.indexOf('|', 1)));
            Matcher m = NAME.matcher(firstCell);
            while (m.find()) {
                names.add(prefix + m.group(1));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(markdown + ": no metric names in a table under '" + heading + "'");
        }
        return names;
    }

    /** The family names in Prometheus text exposition, a counter's with its {@code _total}. */
    public static Set<String> inExposition(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = TYPE_LINE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            names.add(m.group(2).equals("counter") && !name.endsWith("_total") ? name + "_total" : name);
        }
        return names;
    }

    /**
     * Fails naming what is exported but not documented and what is documented but not exported.
     *
     * @param exposition a scrape that exercised every family (a family with no data point has no TYPE line)
     */
    public static void assertDocumented(String exposition, Path markdown, String heading, String prefix) {
        assertDocumented(inExposition(exposition), markdown, heading, prefix);
    }

    /** As {@link #assertDocumented(String, Path, String, String)}, for family names gathered by the caller. */
    public static void assertDocumented(Set<String> exported, Path markdown, String heading, String prefix) {
        Set<String> documented = inDoc(markdown, heading, prefix);
        Set<String> undocumented = new TreeSet<>(exported);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(exported);
        if (!undocumented.isEmpty() || !stale.isEmpty()) {
            throw new AssertionError(markdown + " '" + heading + "' and the exported metrics differ:"
                    + (undocumented.isEmpty() ? "" : "\n  exported, not in the table (add a row): " + undocumented)
                    + (stale.isEmpty()
                            ? ""
                            : "\n  in the table, not exported (remove the row, or the test's scrape did not"
                                    + " exercise it): " + stale));
        }
    }
}
