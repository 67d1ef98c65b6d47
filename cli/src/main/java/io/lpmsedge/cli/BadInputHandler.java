package io.lpmsedge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place a {@link BadInputException} becomes what the user sees: each line of its message on the command's
 * error stream as {@code lpms-edge NAME: line}, and exit status {@link LpmsEdge#EXIT_BAD_INPUT}. A line that starts
 * with white space is the detail of the line above it (one problem of a config file under "2 problems in FILE:")
 * and is printed as it is, so that a list of problems stays readable. Any other exception is left to picocli's
 * default (stack trace, exit status 1): it is a bug, not the user's input. {@link LpmsEdge#commandLine()} installs
 * it on every sub-command.
 */
public final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (!(ex instanceof BadInputException)) {
            throw ex;
        }
        PrintWriter err = commandLine.getErr();
        String prefix = prefix(commandLine);
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        for (String line : message.split("\n", -1)) {
            boolean detail = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
            err.println(detail ? line : prefix + line);
        }
        err.flush();
        return LpmsEdge.EXIT_BAD_INPUT;
    }

    /**
     * {@code "lpms-edge NAME: "} for a sub-command (also one a test runs on its own), {@code "lpms-edge: "} for the
     * root command.
     */
    static String prefix(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return name.equals("lpms-edge") ? "lpms-edge: " : "lpms-edge " + name + ": ";
    }

    /**
     * Installs this handler and {@link UsageErrorHandler} on {@code cl} and every sub-command it has now; returns
     * {@code cl}.
     */
    public static CommandLine install(CommandLine cl) {
        return cl.setExecutionExceptionHandler(new BadInputHandler())
                .setParameterExceptionHandler(new UsageErrorHandler());
    }
}
