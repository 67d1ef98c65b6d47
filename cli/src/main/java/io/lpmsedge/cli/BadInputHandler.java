package io.lpmsedge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place a {@link BadInputException} becomes what the user sees: each line of its message on the command's
 * error stream as {@code lpms-edge NAME: line}, and exit status {@link LpmsEdge#EXIT_BAD_INPUT}. Any other
 * exception is left to picocli's default (stack trace, exit status 1): it is a bug, not the user's input.
 * {@link LpmsEdge#commandLine()} installs it on every sub-command.
 */
public final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (!(ex instanceof BadInputException)) {
            throw ex;
        }
        PrintWriter err = commandLine.getErr();
        String prefix = "lpms-edge " + commandLine.getCommandName() + ": ";
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        for (String line : message.split("\n", -1)) {
            err.println(prefix + line);
        }
        err.flush();
        return LpmsEdge.EXIT_BAD_INPUT;
    }

    /** Installs the handler on {@code cl} and every sub-command it has now; returns {@code cl}. */
    public static CommandLine install(CommandLine cl) {
        return cl.setExecutionExceptionHandler(new BadInputHandler());
    }
}
