package io.lpmsedge.bridge.command;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigException;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.config.ConfigProblem;
import io.lpmsedge.cli.BadInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a config file for a command, with every problem worded in one place and the same way for {@code run} and
 * {@code check-config}: the command's {@link io.lpmsedge.cli.BadInputHandler} prints them.
 */
final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * The config of {@code file} with the {@code LPMS_EDGE_*} overrides of {@code env}.
     *
     * @throws BadInputException the file cannot be read, or "N problems in FILE:" and one indented line per problem
     *                           ({@code file:line: key: what and the fix})
     */
    static BridgeConfig load(Path file, Map<String, String> env) throws BadInputException {
        try {
            return new ConfigLoader(env).load(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(
                    "cannot read config '" + file + "': no such file (start from config/bridge.example.toml)", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read config '" + file + "': permission denied", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read config '" + file + "': " + e.getMessage(), e);
        } catch (ConfigException e) {
            int n = e.problems().size();
            StringBuilder message = new StringBuilder()
                    .append(n)
                    .append(n == 1 ? " problem" : " problems")
                    .append(" in " + file + ":");
            for (ConfigProblem p : e.problems()) {
                message.append("\n  ").append(p);
            }
            throw new BadInputException(message.toString(), e);
        }
    }
}
