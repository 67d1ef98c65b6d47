package io.lpmsedge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lpms-edge demo} refusing options it cannot run with, before it starts anything. */
class DemoCommandTest {
    private record Result(int exit, String out, String err) {}

    private static Result demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = LpmsEdge.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all);
        return new Result(exit, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void badOptionsAreExitTwoWithTheProblemAndTheFix() {
        String[][] cases = {
            {"--duration", "5x", "--duration '5x' is not a duration; write e.g. 500ms, 10s, 5m or 1h"},
            {"--sensors", "0", "--sensors is 0; use 1 to 20"},
            {
                "--duration",
                "10s",
                "--duration is 10.0 s; give at least 20s so that a failure has time to start, be detected and clear"
            },
            {
                "--outage",
                "30s",
                "--outage 30s is longer than a third of --duration; shorten it so the spool can drain before the end"
            },
        };
        for (String[] c : cases) {
            Result r = demo(c[0], c[1]);
            assertEquals(2, r.exit(), r.err());
            assertEquals("lpms-edge demo: " + c[2] + "\n", r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
            assertEquals("", r.out(), "nothing started");
        }
    }

    /** The command hands bad input to the launcher's handler instead of printing it itself. */
    @Test
    void badInputLeavesTheCommandAsBadInputException() {
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.parseArgs("--sensors", "21");
        BadInputException e = assertThrows(BadInputException.class, () -> ((DemoCommand) cl.getCommand()).call());
        assertEquals("--sensors is 21; use 1 to 20", e.getMessage());
    }
}
