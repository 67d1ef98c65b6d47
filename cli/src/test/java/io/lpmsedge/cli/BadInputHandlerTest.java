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
            name = "root",
            subcommands = {Refuses.class, Breaks.class})
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
}
