package io.lpmsedge.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * What the user sees for a usage error (an unknown option, a value that does not convert, a missing required
 * option, or a {@link CommandLine.ParameterException} a command throws for an option value that cannot work): the
 * message as {@code lpms-edge NAME: message}, picocli's "did you mean" suggestions when it has any, and one line
 * pointing at {@code --help}; exit status {@link LpmsEdge#EXIT_BAD_INPUT}.
 *
 * <p>Picocli's default prints the whole usage after the message, which for {@code sim} is some sixty lines that
 * push the one line that matters off the screen; this keeps the message last-but-one, the way
 * {@link BadInputHandler} prints bad input. Unknown arguments are named even when a required option is missing
 * too (picocli reports only the latter), since a mistyped option is the usual cause of both.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String prefix = BadInputHandler.prefix(cl);
        List<String> unmatched = unmatched(ex);
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
            err.println(prefix + "unknown " + (unmatched.size() == 1 ? "argument" : "arguments") + ": "
                    + String.join(" ", unmatched));
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        for (String line : message.split("\n", -1)) {
            err.println(prefix + line);
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        String name = cl.getCommandSpec().qualifiedName();
        err.println("Try '" + name + " --help' for " + (cl.getParent() == null ? "the commands." : "its options."));
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Arguments picocli could not place, if it got far enough to know them. */
    private static List<String> unmatched(CommandLine.ParameterException ex) {
        CommandLine.ParseResult parsed = ex.getCommandLine().getParseResult();
        return parsed == null ? List.of() : parsed.unmatched();
    }
}
