package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The typed reads every config section is built on: each problem is recorded with the file line (or the
 * variable) and the key path, reads go on after a problem, and the environment overrides the file.
 */
class TomlSectionTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private TomlSection section(String toml, Map<String, String> env) {
        TomlParseResult parsed = Toml.parse(toml);
        assertFalse(parsed.hasErrors(), parsed.errors().toString());
        TomlTable table = parsed.getTable("sink");
        return new TomlSection(
                "bridge.toml", table, parsed.inputPositionOf("sink"), "sink", "LPMS_EDGE_SINK_", env, problems);
    }

    private List<String> messages() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void typedReadsWithDefaults() {
        TomlSection s = section("""
                [sink]
                name = "rest"
                batch = 500
                gzip = true
                topics = ["readings", "verdicts"]
                """, Map.of());

        assertEquals("rest", s.string("name", null));
        assertEquals(500, s.integer("batch", 100, 1, 10_000, ""));
        assertTrue(s.bool("gzip", false));
        assertEquals(List.of("readings", "verdicts"), s.stringList("topics", List.of()));
        assertEquals(7, s.integer("linger_ms", 7, 0, 1000, " ms"), "absent: the default");
        assertEquals(List.of(), messages());
    }

    @Test
    void everyProblemHasTheLineTheKeyAndWhatIsExpected() {
        TomlSection s = section("""
                # a comment
                [sink]
                name = 5
                batch = 0
                gzip = "yes"
                """, Map.of());

        assertNull(s.string("name", null));
        assertEquals(100, s.integer("batch", 100, 1, 10_000, " records"), "out of range: the default");
        assertFalse(s.bool("gzip", false));
        assertNull(s.string("url", null));

        assertEquals(
                List.of(
                        "bridge.toml:3: sink.name: must be a string, e.g. name = \"…\"",
                        "bridge.toml:4: sink.batch: is 0, must be 1..10000 records",
                        "bridge.toml:5: sink.gzip: must be true or false",
                        "bridge.toml:2: sink.url: is missing; it is required (a string, e.g. url = \"…\")"),
                messages());
    }

    @Test
    void theEnvironmentOverridesTheFileAndIsNamedInItsProblems() {
        TomlSection s = section(
                """
                [sink]
                batch = 500
                topics = ["a"]
                """,
                Map.of(
                        "LPMS_EDGE_SINK_BATCH",
                        "lots",
                        "LPMS_EDGE_SINK_TOPICS",
                        "x, y ,z",
                        "LPMS_EDGE_SINK_LINGER_MS",
                        "20"));

        assertEquals(100, s.integer("batch", 100, 1, 10_000, ""));
        assertEquals(List.of("x", "y", "z"), s.stringList("topics", List.of()));
        assertEquals(20, s.integer("linger_ms", 5, 0, 1000, " ms"));
        assertTrue(s.isSet("linger_ms"));
        assertEquals(List.of("env LPMS_EDGE_SINK_BATCH: sink.batch: 'lots' is not a whole number"), messages());
    }

    @Test
    void unknownKeysAreReportedWithTheLikelyIntendedKey() {
        TomlSection s = section("""
                [sink]
                nmae = "rest"
                batch_max = 5
                colour = "red"
                """, Map.of());
        s.string("name", "x");
        s.integer("batch", 1, 1, 10, "");
        s.reportUnknownKeys();

        List<String> m = messages();
        assertEquals(3, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("bridge.toml:2: sink.nmae: unknown key; did you mean 'name'?"), m.get(0));
        assertTrue(m.get(1).startsWith("bridge.toml:3: sink.batch_max: unknown key; did you mean 'batch'?"), m.get(1));
        assertTrue(
                m.get(2).startsWith("bridge.toml:4: sink.colour: unknown key. Known keys here: name, batch"), m.get(2));
    }

    @Test
    void nestedAndQuotedDottedKeysReadAlikeInAStringMap() {
        TomlSection s = section("""
                [sink]
                properties = { security.protocol = "SSL", "acks" = "all", "linger.ms" = 5, bad = [1] }
                """, Map.of());

        Map<String, String> props = s.stringMap("properties");

        assertEquals(Map.of("security.protocol", "SSL", "acks", "all", "linger.ms", "5"), props);
        assertEquals(
                List.of("bridge.toml:2: sink.properties: value of 'bad' must be a string, number or boolean"),
                messages());
    }

    @Test
    void aConverterFailureBecomesAProblemWithItsMessage() {
        TomlSection s = section("""
                [sink]
                url = "ftp://x"
                """, Map.of());
        String url = s.convert("url", s.string("url", null), u -> {
            if (!u.startsWith("http")) {
                throw new IllegalArgumentException("'" + u + "' is not an http(s) URL; write http://host:8082");
            }
            return u;
        });
        assertNull(url);
        assertEquals(
                List.of("bridge.toml:2: sink.url: 'ftp://x' is not an http(s) URL; write http://host:8082"),
                messages());
    }

    @Test
    void editDistance() {
        assertEquals(0, TomlSection.distance("rate_hz", "rate_hz"));
        assertEquals(1, TomlSection.distance("rate_h", "rate_hz"));
        assertEquals(2, TomlSection.distance("nmae", "name"));
        assertEquals(3, TomlSection.distance("", "abc"));
    }
}
