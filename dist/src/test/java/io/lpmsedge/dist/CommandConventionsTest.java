package io.lpmsedge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.LpmsEdge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every sub-command of the full launcher does with --help and with an option it does not have, in-process
 * with every module on the class path (each module tests its own commands' bad input; this checks they agree).
 */
class CommandConventionsTest {
    private record Run(int exit, String out, String err, String picocliWarnings) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // picocli reports a description it cannot format on System.err, not on the command's error stream
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            exit = LpmsEdge.commandLine()
                    .setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err))
                    .execute(args);
        } finally {
            System.setErr(systemErr);
        }
        String nl = System.lineSeparator();
        return new Run(
                exit,
                out.toString().replace(nl, "\n"),
                err.toString().replace(nl, "\n"),
                warnings.toString(StandardCharsets.UTF_8));
    }

    private static Set<String> subcommands() {
        Set<String> names = LpmsEdge.commandLine().getSubcommands().keySet();
        assertTrue(
                names.containsAll(List.of(
                        "run",
                        "check-config",
                        "scan",
                        "decode",
                        "demo",
                        "devstack",
                        "score",
                        "calibrate",
                        "replay",
                        "fleet",
                        "score-service",
                        "sim",
                        "train")),
                names.toString());
        // picocli's own 'help' takes a command name, not options
        return names.stream().filter(n -> !n.equals("help")).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void everyHelpIsExitZeroWithoutPicocliWarnings() {
        for (String name : subcommands()) {
            Run r = run(name, "--help");
            assertEquals(0, r.exit(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: lpms-edge " + name), r.out());
            assertEquals("", r.picocliWarnings(), name + " --help");
            assertEquals("", r.err(), name + " --help");
        }
    }

    /** An unknown option: exit 2, named by the command, a pointer to --help, and no usage dump or stack trace. */
    @Test
    void anUnknownOptionIsExitTwoWithTheCommandsNameAndAPointerToHelp() {
        for (String name : subcommands()) {
            Run r = run(name, "--no-such-option");
            assertEquals(2, r.exit(), name + ": " + r.err());
            assertTrue(
                    r.err().startsWith("lpms-edge " + name + ": Unknown option: '--no-such-option'\n")
                            || r.err().startsWith("lpms-edge " + name + ": unknown argument: --no-such-option\n"),
                    r.err());
            assertTrue(r.err().endsWith("Try 'lpms-edge " + name + " --help' for its options.\n"), r.err());
            assertFalse(r.err().contains("Usage:"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertEquals("", r.out(), name);
        }
    }

    /** The list of sub-commands shows each one's first sentence, whole. */
    @Test
    void theCommandListShowsWholeSentences() {
        Run r = run("--help");
        assertEquals(0, r.exit(), r.err());
        String list = r.out().substring(r.out().indexOf("Commands:"));
        for (String name : subcommands()) {
            int at = list.indexOf("\n  " + name + " ");
            assertTrue(at >= 0, name + " in " + list);
            int next = list.indexOf("\n  ", at + 1);
            while (next >= 0 && list.charAt(next + 3) == ' ') { // a continuation line of the same entry
                next = list.indexOf("\n  ", next + 1);
            }
            String entry = (next < 0 ? list.substring(at) : list.substring(at, next)).strip();
            assertTrue(entry.endsWith("."), "a whole sentence for " + name + ": " + entry);
        }
        // a long first sentence stops at its colon, so the list stays a list
        assertTrue(list.contains("  devstack         Run a development Kafka stack on loopback.\n"), list);
        assertTrue(
                list.contains("  demo             Run the whole system on this machine for about a minute.\n"), list);
    }

    /** Bare {@code lpms-edge}: the commands once, then what to do. */
    @Test
    void noSubcommandShowsTheCommandsOnceAndSaysWhatToDo() {
        Run r = run();
        assertEquals(2, r.exit());
        assertEquals(1, r.err().split("Usage: lpms-edge", -1).length - 1, r.err());
        assertTrue(
                r.err()
                        .endsWith("lpms-edge: name a sub-command, e.g. 'lpms-edge decode FILE'\n"
                                + "Try 'lpms-edge --help' for the commands.\n"),
                r.err());
    }
}
