package io.lpmsedge.scorer.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.LpmsEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code lpms-edge …} in-process, the way the launcher does, capturing stdout and stderr. */
record CliRun(int exit, List<String> out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LpmsEdge.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        String o = out.toString();
        return new CliRun(exit, o.isEmpty() ? List.of() : List.of(o.split("\n")), err.toString());
    }

    List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }

    List<JsonNode> rows() {
        return json().stream().filter(n -> n.has("row")).toList();
    }

    List<JsonNode> windows() {
        return json().stream().filter(n -> n.has("window")).toList();
    }

    JsonNode summary() {
        List<JsonNode> all = json();
        return all.get(all.size() - 1).get("summary");
    }
}
