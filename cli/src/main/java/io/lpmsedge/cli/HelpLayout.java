package io.lpmsedge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} lays out the commands' descriptions. They are written as source lines of about 100
 * characters that break mid-sentence; picocli prints each element as a line of its own and wraps it at 80
 * columns, so the help showed "…Apache Kafka broker (KRaft," / "embedded) and a stand-in…", and the list of
 * sub-commands (which shows the first element) stopped mid-sentence for five of them. Here the lines are joined
 * into paragraphs (a paragraph ends with a line ending in '.') that picocli wraps, and the list shows each
 * sub-command's first sentence.
 */
final class HelpLayout {
    /** About two lines of the list's description column. */
    private static final int LONG_SUMMARY = 120;

    private HelpLayout() {}

    /** Reflows the descriptions of {@code root}'s sub-commands and lists them by their first sentence. */
    static void apply(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            usage.description(paragraphs(usage.description()).toArray(new String[0]));
        }
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    }

    /** Source lines joined with a space until a line ends with a full stop. */
    static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            p.append(p.length() == 0 ? "" : " ").append(l);
            if (l.endsWith(".")) {
                out.add(p.toString());
                p.setLength(0);
            }
        }
        if (p.length() > 0) {
            out.add(p.toString());
        }
        return out;
    }

    /**
     * What the list of sub-commands says about one: its header if it has one (picocli's own {@code help} does),
     * else the first sentence of its description; a first sentence longer than two lines of the list stops at its
     * first colon ("Run the whole system on this machine for about a minute: embedded Kafka, …").
     */
    static String summary(UsageMessageSpec usage) {
        String[] source = usage.header().length > 0 ? usage.header() : usage.description();
        // picocli formats these strings (String.format) when it prints them; the list is built here, so do the same
        String text = String.join(" ", paragraphs(source))
                .replace("%n", " ")
                .replace("%%", "%")
                .strip();
        int end = text.indexOf(". ");
        String sentence = end < 0 ? text : text.substring(0, end + 1);
        int colon = sentence.indexOf(": ");
        return sentence.length() > LONG_SUMMARY && colon > 0 ? sentence.substring(0, colon) + "." : sentence;
    }

    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int nameWidth = subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(
                help.colorScheme(),
                new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                new Column(width - nameWidth - 2, 2, Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            table.addRowValues(e.getKey(), summary(e.getValue().commandSpec().usageMessage()));
        }
        return table.toString();
    }
}
