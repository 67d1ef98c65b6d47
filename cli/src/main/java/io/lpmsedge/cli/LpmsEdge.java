package io.lpmsedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lpms-edge}: the one command; sub-commands come from the modules on the class path. */
@Command(
        name = "lpms-edge",
        mixinStandardHelpOptions = true,
        versionProvider = LpmsEdge.Version.class,
        description = "Bridge and edge scorer for LP-RESEARCH LPMS-B2 motion sensors.",
        subcommands = CommandLine.HelpCommand.class)
public final class LpmsEdge implements Runnable {
    /** Exit status for bad input: unreadable files, invalid options, undecodable captures. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with every sub-command found on the class path. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LpmsEdge());
        List<LpmsEdgeSubcommand> subcommands = ServiceLoader.load(LpmsEdgeSubcommand.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(
                        c -> c.getClass().getAnnotation(Command.class).name()))
                .collect(Collectors.toList());
        for (LpmsEdgeSubcommand sub : subcommands) {
            cl.addSubcommand(sub);
        }
        HelpLayout.apply(cl);
        // after the sub-commands: picocli copies the handlers to those present when they are set
        return BadInputHandler.install(cl);
    }

    @Override
    public void run() {
        // the list of sub-commands, then the usage error (UsageErrorHandler) saying what to do
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a sub-command, e.g. 'lpms-edge decode FILE'");
    }

    /** The version Maven filtered into {@code version.properties}, "unknown" when it is missing. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = LpmsEdge.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Reads the version Maven filtered into {@code version.properties}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "lpms-edge " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
