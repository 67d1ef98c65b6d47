package io.lpmsedge.bridge.command;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigException;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Loads a config file for a command, printing every problem in one place and the same way. */
final class ConfigFiles {
    private ConfigFiles() {}

    /** The config, or {@code null} after printing why not. */
    static BridgeConfig load(Path file, Map<String, String> env, PrintWriter err) {
        try {
            return new ConfigLoader(env).load(file);
        } catch (NoSuchFileException e) {
            err.println("lpms-edge: cannot read config '" + file
                    + "': no such file (start from config/bridge.example.toml)");
        } catch (AccessDeniedException e) {
            err.println("lpms-edge: cannot read config '" + file + "': permission denied");
        } catch (IOException e) {
            err.println("lpms-edge: cannot read config '" + file + "': " + e.getMessage());
        } catch (ConfigException e) {
            int n = e.problems().size();
            err.println(n + (n == 1 ? " problem" : " problems") + " in " + file + ":");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
        }
        err.flush();
        return null;
    }
}
