package io.lpmsedge.bridge.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} and {@code check-config} refusing bad input through the launcher's one handler: exit 2, the message
 * named by the command, no stack trace. (A bridge that runs is BridgeProcessIT's.)
 */
class RunCommandTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String err) {}

    private static Result lpmsEdge(String... args) {
        StringWriter err = new StringWriter();
        int exit = LpmsEdge.commandLine()
                .setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(exit, err.toString().replace(System.lineSeparator(), "\n"));
    }

    private static void noStackTrace(Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void aMissingOrBadConfigIsExitTwoNamedByTheCommand() throws Exception {
        Path missing = tmp.resolve("nope.toml");
        Path bad = Files.writeString(
                tmp.resolve("bad.toml"),
                "[bridge]\nname = \"b\"\n[[sensor]]\nname = \"a\"\nlink = \"tcp://127.0.0.1:1\"\nrate_hz = 60\n");
        for (String command : new String[] {"run", "check-config"}) {
            String[] args = command.equals("run")
                    ? new String[] {"run", "--config", missing.toString()}
                    : new String[] {"check-config", missing.toString()};
            Result r = lpmsEdge(args);
            assertEquals(2, r.exit(), r.err());
            assertEquals(
                    "lpms-edge " + command + ": cannot read config '" + missing
                            + "': no such file (start from config/bridge.example.toml)\n",
                    r.err());

            args[args.length - 1] = bad.toString();
            r = lpmsEdge(args);
            assertEquals(2, r.exit(), r.err());
            assertEquals(
                    "lpms-edge " + command + ": 1 problem in " + bad + ":\n  " + bad + ":6: sensor[0].rate_hz: is 60 "
                            + "Hz, not a rate the LPMS-B2 streams at; use 5, 10, 25, 50, 100, 200 or 400\n",
                    r.err());
            noStackTrace(r);
        }
    }

    /** The status page's port taken: the bridge it had started is stopped again and the port named. */
    @Test
    void aTakenStatusPagePortIsExitTwoAfterStoppingTheBridge() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(
                    tmp.resolve("bridge.toml"),
                    "[bridge]\nname = \"b\"\n[[sensor]]\nname = \"a\"\nlink = \"tcp://127.0.0.1:1\"\n"
                            + "[spool]\ndir = \"" + tmp.resolve("spool") + "\"\n"
                            + "[[sink]]\nname = \"f\"\ntype = \"jsonl\"\npath = \"" + tmp.resolve("out.jsonl") + "\"\n"
                            + "[http]\nenabled = true\nlisten = \"127.0.0.1:" + taken.getLocalPort() + "\"\n");
            Result r = lpmsEdge("run", "--config", config.toString(), "--stop-timeout", "2s");
            assertEquals(2, r.exit(), r.err());
            assertTrue(
                    r.err()
                            .startsWith("lpms-edge run: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                                    + " for [http] ("),
                    r.err());
            assertTrue(r.err().endsWith("); pick a free port or set [http] enabled = false\n"), r.err());
            noStackTrace(r);
        }
    }

    /** The commands hand bad input to the launcher's handler instead of printing it themselves. */
    @Test
    void badInputLeavesTheCommandsAsBadInputException() {
        Path missing = tmp.resolve("nope.toml");
        CommandLine run = new CommandLine(new RunCommand());
        run.parseArgs("--config", missing.toString());
        assertThrows(BadInputException.class, () -> ((RunCommand) run.getCommand()).call());
        CommandLine check = new CommandLine(new CheckConfigCommand());
        check.parseArgs(missing.toString());
        assertThrows(BadInputException.class, () -> ((CheckConfigCommand) check.getCommand()).call());
    }
}
