package io.lpmsedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class BadInputHandlerTest {
    @Command(
            name = "lpms-edge",
            subcommands = {Refuses.class, Breaks.class, Lists.class, Needs.class})
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    @Command(name = "refuse")
    static final class Refuses implements Callable<Integer> {
        @Override
        public Integer call() throws BadInputException {
            throw new BadInputException(
                    "model 'a.zip' scores no sensor; add sensors = [\"…\"]\nmodel 'b.zip': no such file");
        }
    }

    @Command(name = "list")
    static final class Lists implements Callable<Integer> {
        @Override
        public Integer call() throws BadInputException {
            throw new BadInputException(
                    "2 problems in b.toml:\n  b.toml:3: sensor[0].rate_hz: is 60 Hz\n  b.toml:9: x");
        }
    }

    @Command(name = "need", mixinStandardHelpOptions = true)
    static final class Needs implements Callable<Integer> {
        @CommandLine.Option(names = "--model", required = true)
        String model;

        @CommandLine.Option(names = "--rate")
        int rate;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (rate == 33) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rate 33 is not a rate; use 25 or 50");
            }
            return 0;
        }
    }

    @Command(name = "break")
    static final class Breaks implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug, not the user's input");
        }
    }

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = BadInputHandler.install(new CommandLine(new Root()));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void badInputIsExitTwoWithEveryLineNamedByItsCommand() {
        Run r = run("refuse");
        assertEquals(LpmsEdge.EXIT_BAD_INPUT, r.exit());
        assertEquals(
                "lpms-edge refuse: model 'a.zip' scores no sensor; add sensors = [\"…\"]\n"
                        + "lpms-edge refuse: model 'b.zip': no such file\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void anyOtherExceptionIsLeftToPicocliAsTheBugItIs() {
        Run r = run("break");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("IllegalStateException: a bug, not the user's input"), r.err());
        assertFalse(r.err().contains("lpms-edge break:"), r.err());
    }

    @Test
    void theLauncherInstallsItOnEverySubcommand() {
        CommandLine cl = LpmsEdge.commandLine();
        assertFalse(cl.getSubcommands().isEmpty());
        cl.getSubcommands()
                .forEach((name, sub) ->
                        assertInstanceOf(BadInputHandler.class, sub.getExecutionExceptionHandler(), name));
    }

    @Test
    void indentedLinesAreTheDetailOfTheLineAboveAndKeepTheirIndent() {
        Run r = run("list");
        assertEquals(LpmsEdge.EXIT_BAD_INPUT, r.exit());
        assertEquals(
                "lpms-edge list: 2 problems in b.toml:\n  b.toml:3: sensor[0].rate_hz: is 60 Hz\n  b.toml:9: x\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    /** Usage errors: the message named by its command and a pointer to --help, not the whole usage. */
    @Test
    void usageErrorsAreTheMessageAndWhereToLookWithExitTwo() {
        assertEquals(
                new Run(
                        2,
                        "lpms-edge need: Invalid value for option '--rate': 'x' is not an int\n"
                                + "Try 'lpms-edge need --help' for its options.\n"),
                normalized(run("need", "--model", "m", "--rate", "x")));
        assertEquals(
                new Run(
                        2,
                        "lpms-edge need: --rate 33 is not a rate; use 25 or 50\n"
                                + "Try 'lpms-edge need --help' for its options.\n"),
                normalized(run("need", "--model", "m", "--rate", "33")));
        Run typo = normalized(run("need", "--modle", "m"));
        assertEquals(2, typo.exit());
        assertTrue(
                typo.err()
                        .startsWith("lpms-edge need: unknown arguments: --modle m\n"
                                + "lpms-edge need: Missing required option: '--model=<model>'\n"),
                "the mistyped option is named, not only the missing one it causes: " + typo.err());
        assertTrue(typo.err().endsWith("Try 'lpms-edge need --help' for its options.\n"), typo.err());
        Run unknown = normalized(run("need", "--model", "m", "--modle"));
        assertTrue(unknown.err().startsWith("lpms-edge need: Unknown option: '--modle'\n"), unknown.err());
        assertTrue(unknown.err().contains("--model"), "picocli's suggestion: " + unknown.err());
        assertFalse(unknown.err().contains("Usage:"), unknown.err());
        Run noCommand = normalized(run("nope"));
        assertEquals(2, noCommand.exit());
        assertTrue(noCommand.err().startsWith("lpms-edge: Unmatched argument at index 0: 'nope'\n"), noCommand.err());
        assertTrue(noCommand.err().endsWith("Try 'lpms-edge --help' for the commands.\n"), noCommand.err());
    }

    private static Run normalized(Run r) {
        return new Run(r.exit(), r.err().replace(System.lineSeparator(), "\n"));
    }
}
